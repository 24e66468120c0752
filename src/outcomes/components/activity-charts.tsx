import type { WeeklyAdherence } from "@/assignments/cadence";
import { formatDay } from "@/checkins/format";
import { GroupedBarChart } from "@/components/charts/bar-chart";
import { ChartFrame } from "@/components/charts/chart-frame";
import { TimeLineChart } from "@/components/charts/time-line-chart";
import type { IntensityPoint } from "../queries";
import { adherenceSummary, intensitySummary } from "../summaries";

const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export function AdherenceChart({ weeks }: { weeks: readonly WeeklyAdherence[] }) {
  const data = weeks.map((w) => ({ label: short.format(new Date(`${w.weekStart}T12:00:00Z`)), due: w.due, done: w.completed }));
  return (
    <ChartFrame
      id="adherence"
      title="Exercise adherence by week"
      summary={adherenceSummary(weeks)}
      table={{ columns: ["Week of", "Done", "Due", "Share"], rows: weeks.map((w) => [formatDay(w.weekStart), w.completed, w.due, `${Math.round((100 * w.completed) / w.due)}%`]) }}
    >
      {weeks.length > 0 ? (
        <GroupedBarChart
          data={data}
          bars={[
            { key: "done", label: "Done" },
            { key: "due", label: "Due" },
          ]}
        />
      ) : (
        <p className="text-sm text-muted">No exercises came due in this range.</p>
      )}
    </ChartFrame>
  );
}

export function IntensityChart({ points }: { points: readonly IntensityPoint[] }) {
  const data = points.map((p) => ({
    x: Date.parse(`${p.day}T12:00:00Z`),
    before: p.before,
    after: p.after,
    tooltip: [formatDay(p.day) + (p.count > 1 ? ` (${p.count} records)` : ""), `Before: ${p.before}`, `After: ${p.after}`],
  }));
  return (
    <ChartFrame
      id="intensity"
      title="Thought-record intensity, before and after"
      summary={intensitySummary(points)}
      table={{ columns: ["Date", "Before", "After", "Records"], rows: points.map((p) => [formatDay(p.day), p.before, p.after, p.count]) }}
      aside={<span className="text-sm font-medium">Lower after is better ↓</span>}
    >
      {points.length > 0 ? (
        <TimeLineChart
          data={data}
          lines={[
            { key: "before", label: "Before" },
            { key: "after", label: "After", dashed: true },
          ]}
          yDomain={[0, 100]}
          yLabel="Intensity"
          height={240}
        />
      ) : (
        <p className="text-sm text-muted">No thought records with intensities in this range.</p>
      )}
    </ChartFrame>
  );
}
