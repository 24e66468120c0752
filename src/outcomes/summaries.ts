import type { WeeklyAdherence } from "@/scheduling/cadence";
import type { ChangeVerdict } from "./change";
import { staffText } from "@/i18n/staff";
import type { Grain } from "./range";

const t = staffText("outcomeLabels");
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** One sentence describing a score series for people who do not see the chart. */
export function scoreSummary(input: {
  title: string;
  points: readonly { mean: number; last: number; band: string | null }[];
  grain: Grain;
  direction: "higher_is_better" | "higher_is_worse";
  verdict: ChangeVerdict | null;
}): string {
  const { title, points, grain } = input;
  if (points.length === 0) return t("summaryNone", { title });
  const first = points[0]!;
  const last = points.at(-1)!;
  const better = input.direction === "higher_is_worse" ? t("lowerIsBetter") : t("higherIsBetter");
  const since = input.verdict ? ` ${t("sinceBaseline", { verdict: input.verdict })}` : "";
  const lastScore = last.band ? t("scoreWithBand", { score: fmt(last.last), band: last.band }) : fmt(last.last);
  if (points.length === 1) return `${t("summaryOne", { title, score: lastScore, better })}${since}`;
  return `${t("summaryMany", { title, points: points.length, grain, first: fmt(first.mean), last: lastScore, better })}${since}`;
}

export function adherenceSummary(weeks: readonly WeeklyAdherence[]): string {
  const due = weeks.reduce((n, w) => n + w.due, 0);
  const done = weeks.reduce((n, w) => n + w.completed, 0);
  if (due === 0) return t("adherenceNone");
  return t("adherence", { weeks: weeks.length, done, due, percent: Math.round((100 * done) / due) });
}

export function intensitySummary(points: readonly { before: number; after: number; count: number }[]): string {
  if (points.length === 0) return t("intensityNone");
  const n = points.reduce((s, p) => s + p.count, 0);
  const drop = points.reduce((s, p) => s + (p.before - p.after) * p.count, 0) / n;
  return t("intensity", { count: n, records: n, change: drop >= 0 ? "fell" : "rose", points: fmt(Math.abs(drop)) });
}
