"use client";

import { GroupedBarChart } from "@/components/charts/bar-chart";
import { ChartFrame } from "@/components/charts/chart-frame";
import { ChartBody } from "@/components/charts/table-toggle";
import { staffText } from "@/i18n/staff";

const t = staffText("expectedRecoveryClient");

export interface ValidationRow {
  title: string;
  endedPoorly: number;
  flaggedEarly: number;
  endedWell: number;
  falseAlarms: number;
  medianFirstFlagWeeks: number | null;
}

const bars = [
  { key: "flaggedEarly", label: t("endedPoorlyWarnedEarly") },
  { key: "missed", label: t("endedPoorlyNotWarned") },
  { key: "falseAlarms", label: t("endedWellWarned") },
  { key: "quiet", label: t("endedWellNotWarned") },
];

/** The hold-out counts per check-in as grouped bars, with the same counts behind "Show as table". */
export function ValidationChart({ rows }: { rows: ValidationRow[] }) {
  const data = rows.map((r) => ({ label: r.title, flaggedEarly: r.flaggedEarly, missed: r.endedPoorly - r.flaggedEarly, falseAlarms: r.falseAlarms, quiet: r.endedWell - r.falseAlarms }));
  const warned = rows.reduce((s, r) => s + r.flaggedEarly, 0);
  const poorly = rows.reduce((s, r) => s + r.endedPoorly, 0);
  return (
    <ChartFrame
      id="expected-recovery-validation"
      title={t("howWellTheWarningWorked")}
      summary={t("validationSummary", { poorly: String(poorly), warned: String(warned) })}
    >
      <ChartBody
        caption={t("heldOutClientsByOutcome")}
        rowCount={rows.length}
        table={() => ({
          columns: [t("columnCheckin"), t("columnEndedPoorly"), t("columnWarnedEarly"), t("columnEndedWell"), t("columnFalseAlarm"), t("columnMedianWeek")],
          rows: rows.map((r) => [r.title, r.endedPoorly, r.flaggedEarly, r.endedWell, r.falseAlarms, r.medianFirstFlagWeeks === null ? "—" : r.medianFirstFlagWeeks.toFixed(1)]),
        })}
      >
        <GroupedBarChart data={data} bars={bars} />
      </ChartBody>
    </ChartFrame>
  );
}
