import { staffText } from "@/i18n/staff";

const t = staffText("outcomeLabels");

/** Trend ranges offered on the Trends tab, and what they mean. Safe on server and client. */
export const RANGES = ["3m", "6m", "1y", "all"] as const;
export type Range = (typeof RANGES)[number];

export const rangeLabels: Record<Range, string> = { "3m": t("range3m"), "6m": t("range6m"), "1y": t("range1y"), all: t("rangeAll") };

/** Trend charts receive at most about this many points per series (downsampled in SQL). */
export const MAX_POINTS = 200;

export function parseRange(value: unknown): Range {
  return typeof value === "string" && (RANGES as readonly string[]).includes(value) ? (value as Range) : "6m";
}

/** The first instant of the range, or null for all time. */
export function rangeStart(range: Range, now: Date): Date | null {
  if (range === "all") return null;
  const months = range === "3m" ? 3 : range === "6m" ? 6 : 12;
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - months);
  return start;
}

/** An explicit period (a report's from and to), as an alternative to a named range. */
export interface Span {
  from: Date;
  /** Inclusive. */
  to: Date;
}

/** The instants a range or span covers; null for an open end. */
export function rangeBounds(range: Range | Span, now: Date): { from: Date | null; to: Date | null } {
  return typeof range === "object" ? range : { from: rangeStart(range, now), to: null };
}

export type Grain = "point" | "week" | "month";

/**
 * How a series is thinned: each check-in as its own point while there are at most MAX_POINTS,
 * else one point per week, else one per month. The SQL in queries.ts makes the same choice.
 */
export function grainFor(rows: number, weeks: number): Grain {
  if (rows <= MAX_POINTS) return "point";
  if (weeks <= MAX_POINTS) return "week";
  return "month";
}
