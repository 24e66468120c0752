import type { WeeklyAdherence } from "@/scheduling/cadence";
import type { ChangeVerdict } from "./change";
import type { Grain } from "./range";
import { verdictLabels } from "./verdict";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const grainWords: Record<Grain, string> = { point: "check-ins", week: "weekly averages", month: "monthly averages" };

/** One sentence describing a score series for people who do not see the chart. */
export function scoreSummary(input: {
  title: string;
  points: readonly { mean: number; last: number; band: string | null }[];
  grain: Grain;
  direction: "higher_is_better" | "higher_is_worse";
  verdict: ChangeVerdict | null;
}): string {
  const { title, points, grain } = input;
  if (points.length === 0) return `${title}: no check-ins in this range.`;
  const first = points[0]!;
  const last = points.at(-1)!;
  const better = input.direction === "higher_is_worse" ? "lower is better" : "higher is better";
  const since = input.verdict ? ` Since baseline: ${verdictLabels[input.verdict].toLowerCase()}.` : "";
  if (points.length === 1) return `${title}: one check-in in this range, scoring ${fmt(last.last)}${last.band ? ` (${last.band})` : ""}; ${better}.${since}`;
  return `${title}: ${points.length} ${grainWords[grain]}, from ${fmt(first.mean)} to ${fmt(last.last)}${last.band ? ` (${last.band})` : ""}; ${better}.${since}`;
}

export function adherenceSummary(weeks: readonly WeeklyAdherence[]): string {
  const due = weeks.reduce((n, w) => n + w.due, 0);
  const done = weeks.reduce((n, w) => n + w.completed, 0);
  if (due === 0) return "No exercises came due in this range.";
  return `Over ${weeks.length} week${weeks.length === 1 ? "" : "s"}, ${done} of ${due} exercises due were done (${Math.round((100 * done) / due)}%).`;
}

export function intensitySummary(points: readonly { before: number; after: number; count: number }[]): string {
  if (points.length === 0) return "No thought records with intensities in this range.";
  const n = points.reduce((s, p) => s + p.count, 0);
  const drop = points.reduce((s, p) => s + (p.before - p.after) * p.count, 0) / n;
  return `${n} thought record${n === 1 ? "" : "s"}: intensity ${drop >= 0 ? "fell" : "rose"} by ${fmt(Math.abs(drop))} points on average from before to after.`;
}
