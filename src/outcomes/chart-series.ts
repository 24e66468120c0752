import type { WeeklyAdherence } from "@/scheduling/cadence";
import { formatDay } from "@/checkins/format";
import type { TableData } from "@/components/charts/chart-frame";
import { staffText } from "@/i18n/staff";
import type { ExpectedBand, ExpectedRow } from "./expected-recovery/band";
import { expectedRowWords } from "./expected-recovery/words";
import type { IntensityPoint, SeriesPoint } from "./queries";
import type { Grain } from "./range";

/**
 * The trends charts' data as it travels from the server to the browser: flat arrays of numbers,
 * a few numbers a point, with days as whole days since 1970-01-01. The chart's points, its
 * tooltips and its "Show as table" rows are all derived from these in the browser, so each point
 * is sent once, as numbers, instead of three times as worded strings (the busiest client's chart
 * data was most of the page). Pure functions: the server encodes, the browser decodes, and the
 * tests check that a round trip keeps every value.
 */

const DAY_MS = 86_400_000;

/** "2026-11-02" as whole days since 1970-01-01. */
export const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
/** The day back as "2026-11-02". */
export const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** The chart's x for a day: noon UTC that day, in milliseconds (the same as geometry's dayX). */
export const dayNumberX = (n: number): number => n * DAY_MS + DAY_MS / 2;

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const t = staffText("chartLabels");
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export interface CompactScores {
  grain: Grain;
  /** Five numbers a point: day, last total, mean (one decimal), check-ins, band (index into `bands`, −1 for none). */
  points: number[];
  /** The band words the points use. */
  bands: string[];
  /** The expected recovery band at each point and its verdict, when the caller passed it. */
  expected?: CompactExpected;
}

export interface CompactExpected {
  /**
   * Three numbers a point: the band's 10th and 90th percentiles (one decimal) and the verdict
   * (−1 on track, else not on track by that many SDs, one decimal); or null, null and an index
   * into `reasons` when the point has no verdict.
   */
  rows: (number | null)[];
  reasons: string[];
  /** Why this client has no curve at all (then `rows` is empty). */
  noCurve: string | null;
}

/** What the table says when the client has no complete check-in, so no baseline to draw a band for. */
export const NO_BASELINE = t("noBaseline");

/**
 * `expected`: the band and its per-point rows (band.ts, computed for these `points`); null when
 * the client has no baseline; omitted when the caller shows no expected recovery at all.
 */
export function encodeScores(grain: Grain, points: readonly SeriesPoint[], expected?: ExpectedBand | null): CompactScores {
  const bands: string[] = [];
  const flat: number[] = [];
  for (const p of points) {
    let band = -1;
    if (p.band !== null) {
      band = bands.indexOf(p.band);
      if (band < 0) band = bands.push(p.band) - 1;
    }
    flat.push(dayNumber(p.day), p.last, oneDecimal(p.mean), p.count, band);
  }
  if (expected === undefined) return { grain, points: flat, bands };
  return { grain, points: flat, bands, expected: encodeExpected(expected) };
}

function encodeExpected(expected: ExpectedBand | null): CompactExpected {
  if (!expected || expected.reason) return { rows: [], reasons: [], noCurve: expected?.reason ?? NO_BASELINE };
  const reasons: string[] = [];
  const rows = expected.rows.flatMap((r) => {
    if (!("reason" in r)) return [oneDecimal(r.low), oneDecimal(r.high), r.status === "on_track" ? -1 : oneDecimal(r.strength)];
    let i = reasons.indexOf(r.reason);
    if (i < 0) i = reasons.push(r.reason) - 1;
    return [null, null, i];
  });
  return { rows, reasons, noCurve: null };
}

/** The `index`th point's expected row, or null when the series carries none for it. */
export function expectedRowAt(e: CompactExpected, index: number): ExpectedRow | null {
  if (index * 3 + 2 >= e.rows.length) return null;
  const [low, high, verdict] = e.rows.slice(index * 3, index * 3 + 3) as [number | null, number | null, number];
  if (low === null || high === null) return { reason: e.reasons[verdict] ?? "" };
  return verdict < 0 ? { low, high, status: "on_track", strength: 0 } : { low, high, status: "not_on_track", strength: verdict };
}

export interface ScorePoint {
  day: string;
  last: number;
  mean: number;
  count: number;
  band: string | null;
}

export const scoreCount = (c: CompactScores): number => Math.floor(c.points.length / 5);

/** The `index`th point. */
export function scorePointAt(c: CompactScores, index: number): ScorePoint {
  const [day, last, mean, count, band] = c.points.slice(index * 5, index * 5 + 5) as [number, number, number, number, number];
  return { day: dayOf(day), last, mean, count, band: band < 0 ? null : (c.bands[band] ?? null) };
}

export function decodeScores(c: CompactScores): ScorePoint[] {
  return Array.from({ length: scoreCount(c) }, (_, i) => scorePointAt(c, i));
}

/** The lines a score point's tooltip shows: its date (or period), its score and its band. */
export function scoreTooltip(grain: Grain, p: ScorePoint): string[] {
  return [
    grain === "point" ? formatDay(p.day) : t("periodEnding", { grain, day: formatDay(p.day), count: p.count }),
    p.count > 1 ? t("scoreWithAverage", { score: fmt(p.last), average: fmt(p.mean) }) : t("score", { score: fmt(p.last) }),
    t("band", { band: p.band ?? "—" }),
  ];
}

/**
 * The score chart's data as the table behind "Show as table"; with the expected band, each row's
 * 10th and 90th percentile expected scores and its verdict (of the row's last score), or one
 * column saying why there is no curve.
 */
export function scoreTable(c: CompactScores): TableData {
  const point = c.grain === "point";
  const e = c.expected;
  const expectedColumns = !e ? [] : e.noCurve !== null ? [t("columnExpectedRecovery")] : [t("columnExpectedLow"), t("columnExpectedHigh"), t("columnAgainstBand")];
  const noCurve = e && e.noCurve !== null ? [t("noCurve", { reason: e.noCurve })] : null;
  const expectedCells = (i: number): string[] => {
    if (!e) return [];
    if (noCurve) return noCurve;
    const row = expectedRowAt(e, i);
    if (!row) return ["—", "—", "—"];
    return "reason" in row ? ["—", "—", expectedRowWords(row)] : [fmt(row.low), fmt(row.high), expectedRowWords(row)];
  };
  return {
    columns: [t("columnDate"), point ? t("columnScore") : t("columnLastScore"), ...(point ? [] : [t("columnAverage"), t("columnCheckins")]), t("columnBand"), ...expectedColumns],
    rows: decodeScores(c).map((p, i) => [formatDay(p.day), fmt(p.last), ...(point ? [] : [fmt(p.mean), p.count]), p.band ?? "—", ...expectedCells(i)]),
  };
}

/** Four numbers a point: day, intensity before, after (one decimal each), thought records. */
export type CompactIntensity = number[];

export function encodeIntensity(points: readonly IntensityPoint[]): CompactIntensity {
  return points.flatMap((p) => [dayNumber(p.day), oneDecimal(p.before), oneDecimal(p.after), p.count]);
}

export interface IntensityRow {
  day: string;
  before: number;
  after: number;
  count: number;
}

export const intensityCount = (c: CompactIntensity): number => Math.floor(c.length / 4);

export function intensityAt(c: CompactIntensity, index: number): IntensityRow {
  const [day, before, after, count] = c.slice(index * 4, index * 4 + 4) as [number, number, number, number];
  return { day: dayOf(day), before, after, count };
}

export function decodeIntensity(c: CompactIntensity): IntensityRow[] {
  return Array.from({ length: intensityCount(c) }, (_, i) => intensityAt(c, i));
}

export function intensityTooltip(p: IntensityRow): string[] {
  return [p.count > 1 ? t("dayWithRecords", { day: formatDay(p.day), count: p.count }) : formatDay(p.day), t("before", { value: fmt(p.before) }), t("after", { value: fmt(p.after) })];
}

export function intensityTable(c: CompactIntensity): TableData {
  return { columns: [t("columnDate"), t("columnBefore"), t("columnAfter"), t("columnRecords")], rows: decodeIntensity(c).map((p) => [formatDay(p.day), fmt(p.before), fmt(p.after), p.count]) };
}

/** Three numbers a week: the week's first day, exercises done, exercises due. */
export type CompactAdherence = number[];

export function encodeAdherence(weeks: readonly WeeklyAdherence[]): CompactAdherence {
  return weeks.flatMap((w) => [dayNumber(w.weekStart), w.completed, w.due]);
}

export function decodeAdherence(c: CompactAdherence): WeeklyAdherence[] {
  const out: WeeklyAdherence[] = [];
  for (let i = 0; i + 2 < c.length; i += 3) out.push({ weekStart: dayOf(c[i]!), completed: c[i + 1]!, due: c[i + 2]! });
  return out;
}

export function adherenceTable(c: CompactAdherence): TableData {
  return {
    columns: [t("columnWeekOf"), t("columnDone"), t("columnDue"), t("columnShare")],
    rows: decodeAdherence(c).map((w) => [formatDay(w.weekStart), w.completed, w.due, t("share", { percent: Math.round((100 * w.completed) / w.due) })]),
  };
}
