import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { classifyOccurrences, weeklyAdherence, type Cadence, type Pause, type WeeklyAdherence } from "@/scheduling/cadence";
import { rciParametersFor, type RciParameters } from "@/checkins/rci";
import { instrumentVersions } from "@/checkins/instruments";
import { rowsOf, type Db } from "@/db/client";
import type { Band, Direction } from "@/instruments/fhir-schema";
import type { ChangeResult } from "./change";
import {
  baselineAndLatestSql,
  intensitySeriesSql,
  parseBaselineAndLatest,
  parseIntensity,
  parseMarkers,
  parseScoreSeries,
  scoreSeriesSql,
  trendMarkersSql,
  type BaselineLatest,
  type EndpointRow,
  type IntensityPoint,
  type Marker,
  type Series,
  type SeriesRow,
} from "./queries";
import { expectedBand, type ExpectedBand } from "./expected-recovery/band";
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
  /** The expected recovery band for this client's baseline over the days drawn, or why there is none. */
  expected?: ExpectedBand | null;
}

export type { ExpectedBand };

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
export async function clientTrends(db: Db, actor: Actor, client: { id: string; timeZone: string }, range: Range, now = new Date()): Promise<ClientTrends> {
  const org = actor.organisationId;
  const tz = client.timeZone;
  // One round trip for the whole tab: each part is its own statement, gathered as JSON.
  const asJson = (q: SQL) => sql`(select coalesce(json_agg(x), '[]'::json) from (${q}) x)`;
  const [row] = rowsOf<{ series: SeriesRow[]; endpoints: (EndpointRow & { client_id: string })[]; markers: Marker[]; intensity: IntensityPoint[]; assignments: AssignmentRow[] }>(
    await db.execute(sql`select
      ${asJson(scoreSeriesSql(org, client.id, tz, range, now))} as series,
      ${asJson(baselineAndLatestSql(org, [client.id], tz))} as endpoints,
      ${asJson(trendMarkersSql(org, client.id, tz, range, now))} as markers,
      ${asJson(intensitySeriesSql(org, client.id, tz, range, now))} as intensity,
      ${asJson(ownAssignmentsSql(org, client.id))} as assignments`),
  );
  const series = parseScoreSeries(row?.series ?? []);
  const markers = parseMarkers(row?.markers ?? []);
  const intensity = parseIntensity(row?.intensity ?? []);
  const ends = parseBaselineAndLatest(row?.endpoints ?? []).get(client.id) ?? [];
  const instruments = await instrumentVersions(db, org, ends.map((e) => ({ url: e.url, version: e.latest.version })));
  const indicators: IndicatorTrend[] = [];
  for (const e of ends) {
    const instrument = instruments.get(`${e.url}|${e.latest.version}`);
    if (!instrument) continue;
    const rci = await rciParametersFor(db, org, instrument);
    const change = e.baseline && e.count >= 2 ? changeFor(instrument, rci, e.baseline.total, e.latest.total) : null;
    const drawn = series.find((s) => s.url === e.url) ?? null;
    indicators.push({
      url: e.url,
      title: instrument.title,
      direction: instrument.scoring.direction,
      bands: instrument.scoring.bands,
      min: instrument.scoring.total.min,
      max: instrument.scoring.total.max,
      series: drawn,
      endpoints: e,
      change,
      rci,
      expected: e.baseline ? await expectedBand(org, instrument, db, e.baseline, e.latest, { first: drawn?.points[0]?.day, last: drawn?.points.at(-1)?.day, scores: drawn?.points }) : null,
    });
  }
  // The numbness scale first: it is the main indicator.
  indicators.sort((a, b) => Number(b.url.endsWith("attune-numbness")) - Number(a.url.endsWith("attune-numbness")) || a.title.localeCompare(b.title));
  const start = rangeStart(range, now);
  const fromDay = start ? start.toISOString().slice(0, 10) : "";
  const occurrences = (row?.assignments ?? []).flatMap((a) =>
    classifyOccurrences(
      { cadence: a.cadence, startDate: a.start_date, endDate: a.end_date, endedOn: a.ended_on, pauses: a.pauses ?? [], timeZone: tz },
      (a.done ?? []).map((d) => new Date(d)),
      now,
    ),
  );
  const adherence = weeklyAdherence(occurrences).filter((w) => w.weekStart >= fromDay);
  return { indicators, markers, adherence, intensity };
}

type AssignmentRow = { cadence: Cadence; start_date: string; end_date: string | null; ended_on: string | null; pauses: Pause[] | null; done: string[] | null };

/** The client's own assignments (not their family's) with pauses and every submission time, for adherence. */
function ownAssignmentsSql(organisationId: string, clientId: string): SQL {
  return sql`
    select s.cadence, s.start_date::text as start_date, s.end_date::text as end_date, s.ended_on::text as ended_on,
      (select json_agg(json_build_object('from', p.from_date::text, 'until', p.until_date::text)) from assignment_pauses p where p.assignment_id = s.id) as pauses,
      (select json_agg(to_char(e.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) from exercise_entries e where e.assignment_id = s.id) as done
    from assignments s
    where s.organisation_id = ${organisationId} and s.client_id = ${clientId} and s.contact_id is null`;
}
