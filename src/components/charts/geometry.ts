/**
 * Chart geometry shared by the screen charts (recharts) and the PDF charts (@react-pdf's SVG
 * primitives): the time domain, the ticks on both axes, the bands and the curve. Pure and
 * framework-free, so a trend drawn in a report has the same extent, ticks, bands and line shape
 * as the one on the Trends tab.
 */
import { bandFill } from "./palette";

export const DAY_MS = 86_400_000;

/** A calendar day 'YYYY-MM-DD' as the x value charts use: noon UTC, so no zone moves it a day. */
export const dayX = (day: string): number => Date.parse(`${day}T12:00:00Z`);

/** The x extent of the data and markers; a single day is widened to a week so it is not a point. */
export function timeDomain(xs: readonly number[]): [number, number] {
  if (xs.length === 0) return [0, 1];
  let min = xs[0]!;
  let max = xs[0]!;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return max - min < DAY_MS ? [min - 3 * DAY_MS, max + 3 * DAY_MS] : [min, max];
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

/** Ticks on a time axis at calendar boundaries (days, Mondays, or first days of months), at most `count`. */
export function timeTicks([from, to]: readonly [number, number], count = 6): number[] {
  const span = to - from;
  const candidates: number[] = [];
  const start = new Date(from);
  if (span <= 14 * DAY_MS) {
    for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), 12); t <= to; t += DAY_MS) if (t >= from) candidates.push(t);
  } else if (span <= 120 * DAY_MS) {
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

const tickFormat = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "2-digit", timeZone: "UTC" });
export const formatTimeTick = (ms: number): string => tickFormat.format(new Date(ms));

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

const sign = (x: number) => (x < 0 ? -1 : 1);

// Monotone cubic interpolation in x (Steffen 1990), the curve recharts draws for type="monotone"
// (d3's curveMonotoneX): it never overshoots the data, so a line never leaves its band falsely.
function slope3(p0: Point, p1: Point, p2: Point): number {
  const h0 = p1.x - p0.x;
  const h1 = p2.x - p1.x;
  const s0 = h0 === 0 ? 0 : (p1.y - p0.y) / h0;
  const s1 = h1 === 0 ? 0 : (p2.y - p1.y) / h1;
  const p = h0 + h1 === 0 ? 0 : (s0 * h1 + s1 * h0) / (h0 + h1);
  return (sign(s0) + sign(s1)) * Math.min(Math.abs(s0), Math.abs(s1), 0.5 * Math.abs(p)) || 0;
}

function slope2(p0: Point, p1: Point, t: number): number {
  const h = p1.x - p0.x;
  return h ? ((3 * (p1.y - p0.y)) / h - t) / 2 : t;
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();

/** An SVG path through the points (already in pixels), as a monotone curve. */
export function monotonePath(points: readonly Point[]): string {
  if (points.length === 0) return "";
  const [first] = points;
  if (points.length === 1) return `M${f(first!.x)},${f(first!.y)}`;
  if (points.length === 2) return `M${f(first!.x)},${f(first!.y)}L${f(points[1]!.x)},${f(points[1]!.y)}`;
  const n = points.length;
  const m = new Array<number>(n).fill(0);
  for (let i = 1; i < n - 1; i++) m[i] = slope3(points[i - 1]!, points[i]!, points[i + 1]!);
  m[0] = slope2(points[0]!, points[1]!, m[1]!);
  m[n - 1] = slope2(points[n - 2]!, points[n - 1]!, m[n - 2]!);
  let d = `M${f(first!.x)},${f(first!.y)}`;
  for (let i = 0; i < n - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const dx = (b.x - a.x) / 3;
    d += `C${f(a.x + dx)},${f(a.y + dx * m[i]!)},${f(b.x - dx)},${f(b.y - dx * m[i + 1]!)},${f(b.x)},${f(b.y)}`;
  }
  return d;
}

/** Where the plot sits inside a chart of the given size: room for the y axis and the date ticks. */
export function plotArea(width: number, height: number, margin = { top: 14, right: 12, bottom: 22, left: 34 }) {
  return { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
}
