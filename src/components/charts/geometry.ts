/**
 * Chart geometry shared by the screen charts (recharts) and the PDF charts (@react-pdf's SVG
 * primitives): the time domain, the ticks on both axes, the bands, the markers and the line. Pure and
 * framework-free, so a trend drawn in a report has the same extent, ticks, bands and line shape
 * as the one on the Trends tab.
 */
import { bandFill } from "./palette";

export const DAY_MS = 86_400_000;

/** A calendar day 'YYYY-MM-DD' as the x value charts use: noon UTC, so no zone moves it a day. */
export const dayX = (day: string): number => Date.parse(`${day}T12:00:00Z`);

/**
 * The x extent of the data and markers. With `end` (the period's last day, or today), the axis ends
 * exactly there, never later: anything after it is left out, and the axis never runs into days
 * that have not happened. A single day is widened to a week (back from `end` when given).
 */
export function timeDomain(xs: readonly number[], end?: number): [number, number] {
  const inside = end === undefined ? xs : xs.filter((x) => x <= end);
  if (inside.length === 0) return end === undefined ? [0, 1] : [end - 7 * DAY_MS, end];
  let min = inside[0]!;
  let max = end ?? inside[0]!;
  for (const x of inside) {
    if (x < min) min = x;
    if (end === undefined && x > max) max = x;
  }
  if (max - min >= DAY_MS) return [min, max];
  return end === undefined ? [min - 3 * DAY_MS, max + 3 * DAY_MS] : [end - 7 * DAY_MS, end];
}

/** Round numbers (1, 2 or 5 × a power of ten) from min to max, about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

const MONTHLY_TICKS_AFTER = 120 * DAY_MS;

/** Ticks on a time axis at calendar boundaries (days, Mondays, or first days of months), at most `count`. */
export function timeTicks([from, to]: readonly [number, number], count = 6): number[] {
  const span = to - from;
  const candidates: number[] = [];
  const start = new Date(from);
  if (span <= 14 * DAY_MS) {
    for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), 12); t <= to; t += DAY_MS) if (t >= from) candidates.push(t);
  } else if (span <= MONTHLY_TICKS_AFTER) {
    const monday = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() - ((start.getUTCDay() + 6) % 7), 12);
    for (let t = monday; t <= to; t += 7 * DAY_MS) if (t >= from) candidates.push(t);
  } else {
    for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
      const t = Date.UTC(y, m, 1, 12);
      if (t > to) break;
      if (t >= from) candidates.push(t);
    }
  }
  const every = Math.max(1, Math.ceil(candidates.length / count));
  return candidates.filter((_, i) => i % every === 0);
}

// Four-digit years: "Oct 5, 26" reads like a day of the month. Ticks on first days of months
// (long ranges, see timeTicks) name the month alone, which leaves room for more of them.
const tickFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
export const formatTimeTick = (ms: number, domain?: readonly [number, number]): string =>
  (domain && domain[1] - domain[0] > MONTHLY_TICKS_AFTER ? monthFormat : tickFormat).format(new Date(ms));

/**
 * How to anchor a tick label of about `labelWidth` at `x` so it stays inside [left, right] (the
 * drawing's own edges): centred where it fits, else flush with the edge it would cross.
 */
export function tickAnchor(x: number, labelWidth: number, left: number, right: number): "start" | "middle" | "end" {
  if (x + labelWidth / 2 > right) return "end";
  if (x - labelWidth / 2 < left) return "start";
  return "middle";
}

/** A rough width of a date tick label ("Sep 28, 2026") at a font size, for anchoring. */
export const tickLabelWidth = (text: string, fontSize: number): number => text.length * fontSize * 0.56;

export interface MarkerLike {
  x: number;
  short: string;
  colour: string;
  dash: string;
}

/**
 * Event markers gathered by day, so markers on the same day are one line with one label
 * ("Ex + Fam") rather than lines and words drawn over each other; a label that would touch the
 * previous one (closer than `minGap` of the axis) drops to a second row.
 */
export function markerGroups<M extends MarkerLike>(markers: readonly M[], [from, to]: readonly [number, number], minGap = 0.06): { x: number; label: string; colour: string; dash: string; row: 0 | 1; members: M[] }[] {
  const byX = new Map<number, M[]>();
  for (const m of markers) if (m.x >= from && m.x <= to) byX.set(m.x, [...(byX.get(m.x) ?? []), m]);
  const span = Math.max(1, to - from);
  const out: { x: number; label: string; colour: string; dash: string; row: 0 | 1; members: M[] }[] = [];
  let lastX = -Infinity;
  let lastRow = 1 as 0 | 1;
  for (const [x, members] of [...byX.entries()].sort((a, b) => a[0] - b[0])) {
    const shorts = [...new Set(members.map((m) => m.short))];
    const close = (x - lastX) / span < minGap;
    const row: 0 | 1 = close && lastRow === 0 ? 1 : 0;
    out.push({ x, label: shorts.join(" + "), colour: shorts.length > 1 ? "#374151" : members[0]!.colour, dash: members[0]!.dash, row, members });
    lastX = x;
    lastRow = row;
  }
  return out;
}

export interface BandLike {
  from: number;
  to: number;
  label: string;
  severity: number;
}

/** The bands that fall inside the y domain, clipped to it, with their fill colour. */
export function visibleBands(bands: readonly BandLike[], [min, max]: readonly [number, number]): (BandLike & { fill: string })[] {
  return bands
    .filter((b) => b.to > min && b.from < max)
    .map((b) => ({ ...b, from: Math.max(b.from, min), to: Math.min(b.to, max), fill: bandFill(b.severity) }));
}

export type Scale = (value: number) => number;

export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

export interface Point {
  x: number;
  y: number;
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();

/**
 * An SVG path of straight segments between the observed points (already in pixels). Charts draw
 * these, not curves: a curve invents values between check-ins that nobody reported.
 */
export function linearPath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${f(p.x)},${f(p.y)}`).join("");
}

/** Where the plot sits inside a chart of the given size: room for the y axis and the date ticks. */
export function plotArea(width: number, height: number, margin = { top: 14, right: 12, bottom: 22, left: 34 }) {
  return { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
}
