import "server-only";
import type { Actor } from "@/auth/actor";
import { listAssignments } from "@/assignments/queries";
import { weeklyAdherence, type WeeklyAdherence } from "@/assignments/cadence";
import { rciParametersFor, type RciParameters } from "@/checkins/rci";
import { instrumentVersions } from "@/checkins/instruments";
import { getDb, type Db } from "@/db/client";
import type { Band, Direction } from "@/instruments/fhir-schema";
import type { ChangeResult } from "./change";
import { baselineAndLatest, intensitySeries, scoreSeries, trendMarkers, type BaselineLatest, type IntensityPoint, type Marker, type Series } from "./queries";
import { rangeStart, type Range } from "./range";
import { changeFor } from "./verdict";

export interface IndicatorTrend {
  url: string;
  title: string;
  direction: Direction;
  bands: Band[];
  min: number;
  max: number;
  series: Series | null;
  endpoints: BaselineLatest;
  change: ChangeResult | null;
  rci: RciParameters | null;
}

export interface ClientTrends {
  indicators: IndicatorTrend[];
  markers: Marker[];
  adherence: WeeklyAdherence[];
  intensity: IntensityPoint[];
}

/**
 * Everything the Trends tab draws for one client the caller has already found visible. Series
 * and endpoints come aggregated from SQL; RCI parameters come from `rciParametersFor` (the
 * organisation's baselines when enough exist, else the instrument's published values).
 */
export async function clientTrends(actor: Actor, client: { id: string; timeZone: string }, range: Range, now = new Date(), db: Db = getDb()): Promise<ClientTrends> {
  const org = actor.organisationId;
  const [series, endpoints, markers, intensity, assignments] = await Promise.all([
    scoreSeries(db, org, client.id, client.timeZone, range, now),
    baselineAndLatest(db, org, [client.id], client.timeZone),
    trendMarkers(db, org, client.id, client.timeZone, range, now),
    intensitySeries(db, org, client.id, client.timeZone, range, now),
    listAssignments(actor, client.id, client.timeZone, now),
  ]);
  const ends = endpoints.get(client.id) ?? [];
  const instruments = await instrumentVersions(db, org, ends.map((e) => ({ url: e.url, version: e.latest.version })));
  const indicators: IndicatorTrend[] = [];
  for (const e of ends) {
    const instrument = instruments.get(`${e.url}|${e.latest.version}`);
    if (!instrument) continue;
    const rci = await rciParametersFor(org, instrument, db);
    const change = e.baseline && e.count >= 2 ? changeFor(instrument, rci, e.baseline.total, e.latest.total) : null;
    indicators.push({
      url: e.url,
      title: instrument.title,
      direction: instrument.scoring.direction,
      bands: instrument.scoring.bands,
      min: instrument.scoring.total.min,
      max: instrument.scoring.total.max,
      series: series.find((s) => s.url === e.url) ?? null,
      endpoints: e,
      change,
      rci,
    });
  }
  // The numbness scale first: it is the main indicator.
  indicators.sort((a, b) => Number(b.url.endsWith("attune-numbness")) - Number(a.url.endsWith("attune-numbness")) || a.title.localeCompare(b.title));
  const start = rangeStart(range, now);
  const fromDay = start ? start.toISOString().slice(0, 10) : "";
  const adherence = weeklyAdherence(assignments.filter((a) => !a.forFamily).flatMap((a) => a.occurrences)).filter((w) => w.weekStart >= fromDay);
  return { indicators, markers, adherence, intensity };
}
