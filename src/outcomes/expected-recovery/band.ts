import "server-only";
import type { Db } from "@/db/client";
import type { Instrument } from "@/instruments/fhir-schema";
import { addDays } from "@/lib/local-date";
import { bandSeries, trackVerdict, type TrackVerdict } from "./model";
import { expectedRecoveryFor } from "./store";

export interface ExpectedBand {
  /** Each week since the baseline that falls within the drawn days: its local day and the 10th, 50th and 90th percentiles. */
  points: { day: string; low: number; mean: number; high: number }[];
  track: TrackVerdict | null;
  fitId: string | null;
  fittedAt: string | null;
  /** Why there is no band (no curve yet, too little data); null when there is one. */
  reason: string | null;
}

/** A check-in as the band needs it: when (an instant, for elapsed weeks), its local day and its total. */
export interface BandEndpoint {
  at: string;
  day: string;
  total: number;
}

/**
 * The band for this client's baseline at each whole week after it, within the days a chart draws
 * (`first`…`last`, local days), and the latest score's verdict against it. Reads the stored
 * curve; never fits one. The Trends tab and the PDF report both draw what this returns.
 */
export async function expectedBand(org: string, instrument: Instrument, db: Db, baseline: BandEndpoint, latest: Pick<BandEndpoint, "at" | "day" | "total">, drawn: { first?: string; last?: string } = {}): Promise<ExpectedBand> {
  const stored = await expectedRecoveryFor(db, org, instrument);
  if (!stored?.fit) return { points: [], track: null, fitId: stored?.id ?? null, fittedAt: stored?.fittedAt.toISOString() ?? null, reason: stored?.reason ?? "No curve has been fitted for this check-in yet." };
  const weeks = (Date.parse(latest.at) - Date.parse(baseline.at)) / (7 * 86_400_000);
  const track = trackVerdict(stored.fit, instrument.scoring.direction, baseline.total, weeks, latest.total);
  const first = drawn.first ?? baseline.day;
  const last = drawn.last ?? latest.day;
  const inRange = stored.fit.baselineRange[0] <= baseline.total && baseline.total <= stored.fit.baselineRange[1];
  const points = inRange
    ? bandSeries(stored.fit, baseline.total, Math.ceil(weeks))
        .map((e) => ({ day: addDays(baseline.day, Math.round(e.weeks * 7)), low: e.low, mean: e.mean, high: e.high }))
        .filter((p) => p.day >= first && p.day <= last)
    : [];
  return { points, track, fitId: stored.id, fittedAt: stored.fittedAt.toISOString(), reason: null };
}
