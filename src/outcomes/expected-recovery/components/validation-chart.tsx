"use client";

import { GroupedBarChart } from "@/components/charts/bar-chart";
import { ChartFrame } from "@/components/charts/chart-frame";
import { ChartBody } from "@/components/charts/table-toggle";

export interface ValidationRow {
  title: string;
  endedPoorly: number;
  flaggedEarly: number;
  endedWell: number;
  falseAlarms: number;
  medianFirstFlagWeeks: number | null;
}

const bars = [
  { key: "flaggedEarly", label: "Ended poorly, warned early" },
  { key: "missed", label: "Ended poorly, not warned" },
  { key: "falseAlarms", label: "Ended well, warned" },
  { key: "quiet", label: "Ended well, not warned" },
];

/** The hold-out counts per check-in as grouped bars, with the same counts behind "Show as table". */
export function ValidationChart({ rows }: { rows: ValidationRow[] }) {
  const data = rows.map((r) => ({ label: r.title, flaggedEarly: r.flaggedEarly, missed: r.endedPoorly - r.flaggedEarly, falseAlarms: r.falseAlarms, quiet: r.endedWell - r.falseAlarms }));
  const warned = rows.reduce((s, r) => s + r.flaggedEarly, 0);
  const poorly = rows.reduce((s, r) => s + r.endedPoorly, 0);
  return (
    <ChartFrame
      id="expected-recovery-validation"
      title="How well the warning worked on held-out clients"
      summary={`Of ${poorly} held-out clients who ended without reliable improvement, ${warned} were flagged not on track at least two weeks before their last check-in.`}
    >
      <ChartBody
        caption="Held-out clients by outcome and warning, per check-in"
        rowCount={rows.length}
        table={() => ({
          columns: ["Check-in", "Ended poorly", "Warned early", "Ended well", "Warned (false alarm)", "Median week of first warning"],
          rows: rows.map((r) => [r.title, r.endedPoorly, r.flaggedEarly, r.endedWell, r.falseAlarms, r.medianFirstFlagWeeks === null ? "—" : r.medianFirstFlagWeeks.toFixed(1)]),
        })}
      >
        <GroupedBarChart data={data} bars={bars} />
      </ChartBody>
    </ChartFrame>
  );
}
