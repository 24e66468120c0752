import "server-only";
import type { Db } from "@/db/client";
import type { Instrument } from "@/instruments/fhir-schema";
import { staffText } from "@/i18n/staff";
import { addDays } from "@/lib/local-date";
import { bandSeries, trackVerdict, type TrackVerdict } from "./model";
import { expectedRecoveryFor } from "./store";

const WEEK_MS = 7 * 86_400_000;
const t = staffText("outcomeLabels");
// Formatted once: they are said of each drawn score.
const BEFORE_BASELINE = t("bandBeforeBaseline");
const THE_BASELINE = t("bandBaseline");

export interface ExpectedBand {
  /** Each week since the baseline that falls within the drawn days: its local day and the 10th, 50th and 90th percentiles. */
  points: { day: string; low: number; mean: number; high: number }[];
  track: TrackVerdict | null;
  fitId: string | null;
  fittedAt: string | null;
  /** Why there is no band (no curve yet, too little data); null when there is one. */
  reason: string | null;
  /** For each drawn score passed in `drawn.scores` (same order): the band at its moment and its verdict (the chart's table). */
  rows: ExpectedRow[];
}

/** The band at one drawn score's moment and that score's verdict, or why there is none. */
export type ExpectedRow = { low: number; high: number; status: "on_track" | "not_on_track"; strength: number } | { reason: string };

/** A check-in as the band needs it: when (an instant, for elapsed weeks), its local day and its total. */
export interface BandEndpoint {
  at: string;
  day: string;
  total: number;
}

/**
 * The band for this client's baseline at each whole week after it, within the days a chart draws
 * (`first`…`last`, local days), and the latest score's verdict against it (and, for the chart's
 * table, each drawn score's: `scores`, whose `at` is the point's last check-in). Reads the stored
 * curve; never fits one. The Trends tab and the PDF report both draw what this returns.
 */
export async function expectedBand(org: string, instrument: Instrument, db: Db, baseline: BandEndpoint, latest: Pick<BandEndpoint, "at" | "day" | "total">, drawn: { first?: string; last?: string; scores?: readonly { at: string; last: number }[] } = {}): Promise<ExpectedBand> {
  const stored = await expectedRecoveryFor(db, org, instrument);
  if (!stored?.fit) return { points: [], track: null, fitId: stored?.id ?? null, fittedAt: stored?.fittedAt.toISOString() ?? null, reason: stored?.reason ?? t("bandNoCurveYet"), rows: [] };
  const fit = stored.fit;
  const weeksAfter = (at: string) => (Date.parse(at) - Date.parse(baseline.at)) / WEEK_MS;
  const weeks = weeksAfter(latest.at);
  const track = trackVerdict(fit, instrument.scoring.direction, baseline.total, weeks, latest.total);
  const rows = (drawn.scores ?? []).map((s): ExpectedRow => {
    const w = weeksAfter(s.at);
    if (w < 0) return { reason: BEFORE_BASELINE };
    if (w === 0) return { reason: THE_BASELINE };
    const v = trackVerdict(fit, instrument.scoring.direction, baseline.total, w, s.last);
    return v.status === "no_verdict" ? { reason: v.reason } : { low: v.expected.low, high: v.expected.high, status: v.status, strength: v.status === "not_on_track" ? v.strength : 0 };
  });
  const first = drawn.first ?? baseline.day;
  const last = drawn.last ?? latest.day;
  const inRange = stored.fit.baselineRange[0] <= baseline.total && baseline.total <= stored.fit.baselineRange[1];
  const points = inRange
    ? bandSeries(stored.fit, baseline.total, Math.ceil(weeks))
        .map((e) => ({ day: addDays(baseline.day, Math.round(e.weeks * 7)), low: e.low, mean: e.mean, high: e.high }))
        .filter((p) => p.day >= first && p.day <= last)
    : [];
  return { points, track, fitId: stored.id, fittedAt: stored.fittedAt.toISOString(), reason: null, rows };
}
