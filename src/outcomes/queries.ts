import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { MAX_POINTS, rangeBounds, type Grain, type Range, type Span } from "./range";

/** One point of a score series: a single check-in, or a week's or month's check-ins. */
export interface SeriesPoint {
  /** The last check-in in the point, ISO instant. */
  at: string;
  /** Local day of `at` in the client's time zone. */
  day: string;
  /** Average of the point's totals (the total itself for a single check-in). */
  mean: number;
  /** The last total in the point. */
  last: number;
  count: number;
  band: string | null;
  severity: number | null;
}

export interface Series {
  url: string;
  grain: Grain;
  points: SeriesPoint[];
}

/** A timestamp column as an ISO instant in UTC (the same text from PGlite and postgres.js). */
export const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function since(column: SQL, range: Range | Span, now: Date): SQL {
  const { from, to } = rangeBounds(range, now);
  const upper = to ? sql` and ${column} <= ${to.toISOString()}::timestamptz` : sql``;
  return from ? sql`and ${column} >= ${from.toISOString()}::timestamptz${upper}` : to ? upper : sql``;
}

export type SeriesRow = { url: string; grain: Grain; at: string; day: string; mean: number; last: number; n: number; band: string | null; severity: number | null };

/**
 * The client's own score series for every instrument in the range (family members' check-ins
 * and invalid administrations left out), thinned in SQL to at most MAX_POINTS per series: each
 * check-in while there are few enough, else one point per week (or month) with the average and
 * the last value. One query for all instruments.
 */
export async function scoreSeries(db: Db, organisationId: string, clientId: string, timeZone: string, range: Range | Span, now = new Date()): Promise<Series[]> {
  return parseScoreSeries(rowsOf<SeriesRow>(await db.execute(scoreSeriesSql(organisationId, clientId, timeZone, range, now))));
}

/** scoreSeries' statement, for callers that fold it into one round trip with others. */
export function scoreSeriesSql(organisationId: string, clientId: string, timeZone: string, range: Range | Span, now = new Date()): SQL {
  return sql`
    with s as (
      select instrument_url as url, administered_at as at, total::float8 as total, band_label, band_severity
      from checkin_administrations
      where organisation_id = ${organisationId} and client_id = ${clientId} and contact_id is null
        and status <> 'invalid' ${since(sql`administered_at`, range, now)}
    ), n as (
      select url, count(*) as c, count(distinct date_trunc('week', at, ${timeZone})) as w from s group by url
    ), g as (
      select s.*,
        case when n.c <= ${MAX_POINTS} then 'point' when n.w <= ${MAX_POINTS} then 'week' else 'month' end as grain,
        case when n.c <= ${MAX_POINTS} then s.at when n.w <= ${MAX_POINTS} then date_trunc('week', s.at, ${timeZone})
             else date_trunc('month', s.at, ${timeZone}) end as bucket
      from s join n using (url)
    )
    select url, grain, ${iso(sql`max(at)`)} as at, to_char(max(at) at time zone ${timeZone}, 'YYYY-MM-DD') as day,
      avg(total)::float8 as mean, (array_agg(total order by at desc))[1] as last, count(*)::int as n,
      (array_agg(band_label order by at desc))[1] as band, (array_agg(band_severity order by at desc))[1]::int as severity
    from g group by url, grain, bucket order by url, bucket`;
}

export function parseScoreSeries(rows: SeriesRow[]): Series[] {
  const out = new Map<string, Series>();
  // In order whatever the transport (json_agg keeps no promise about it): by series, then time.
  const sorted = [...rows].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const r of sorted) {
    const series = out.get(r.url) ?? { url: r.url, grain: r.grain, points: [] };
    series.points.push({ at: r.at, day: r.day, mean: Number(r.mean), last: Number(r.last), count: Number(r.n), band: r.band, severity: r.severity === null ? null : Number(r.severity) });
    out.set(r.url, series);
  }
  return [...out.values()];
}

export interface Endpoint {
  version: string;
  total: number;
  band: string | null;
  severity: number | null;
  at: string;
  day: string;
}

export interface BaselineLatest {
  url: string;
  /** Check-ins with a total (complete or prorated). */
  count: number;
  baseline: Endpoint | null;
  latest: Endpoint;
}

export type EndpointRow = { url: string; n: number } & { [K in `${"b" | "l"}_${"version" | "total" | "band" | "severity" | "at" | "day"}`]: string | number | null };

/**
 * Per instrument, the client's baseline (first complete check-in) and latest check-in with a
 * total (complete or prorated), for every client in `clientIds`. One query.
 */
export async function baselineAndLatest(db: Db, organisationId: string, clientIds: readonly string[], timeZone: string): Promise<Map<string, BaselineLatest[]>> {
  const out = new Map<string, BaselineLatest[]>();
  if (clientIds.length === 0) return out;
  return parseBaselineAndLatest(rowsOf<EndpointRow & { client_id: string }>(await db.execute(baselineAndLatestSql(organisationId, clientIds, timeZone))));
}

/** baselineAndLatest's statement (clientIds must not be empty). */
export function baselineAndLatestSql(organisationId: string, clientIds: readonly string[], timeZone: string): SQL {
  const ids = sql.join(clientIds.map((id) => sql`${id}::uuid`), sql`, `);
  const endpoint = (status: SQL, order: SQL) => sql`(
      select instrument_version as version, total::float8 as total, band_label as band, band_severity::int as severity,
        ${iso(sql`administered_at`)} as at, to_char(administered_at at time zone ${timeZone}, 'YYYY-MM-DD') as day
      from checkin_administrations a
      where a.organisation_id = ${organisationId} and a.client_id = u.client_id and a.instrument_url = u.url and a.contact_id is null and ${status}
      order by a.administered_at ${order} limit 1
    )`;
  return sql`
    select u.client_id, u.url, u.n,
      b.version as b_version, b.total as b_total, b.band as b_band, b.severity as b_severity, b.at as b_at, b.day as b_day,
      l.version as l_version, l.total as l_total, l.band as l_band, l.severity as l_severity, l.at as l_at, l.day as l_day
    from (
      select client_id, instrument_url as url, count(*)::int as n from checkin_administrations
      where organisation_id = ${organisationId} and client_id in (${ids}) and contact_id is null and status <> 'invalid'
      group by client_id, instrument_url
    ) u
    cross join lateral ${endpoint(sql`a.status <> 'invalid'`, sql`desc`)} l
    left join lateral ${endpoint(sql`a.status = 'complete'`, sql`asc`)} b on true
    order by u.client_id, u.url`;
}

export function parseBaselineAndLatest(rows: (EndpointRow & { client_id: string })[]): Map<string, BaselineLatest[]> {
  const out = new Map<string, BaselineLatest[]>();
  const pick = (r: EndpointRow, p: "b" | "l"): Endpoint | null =>
    r[`${p}_total`] === null || r[`${p}_at`] === null
      ? null
      : {
          version: String(r[`${p}_version`]),
          total: Number(r[`${p}_total`]),
          band: r[`${p}_band`] === null ? null : String(r[`${p}_band`]),
          severity: r[`${p}_severity`] === null ? null : Number(r[`${p}_severity`]),
          at: String(r[`${p}_at`]),
          day: String(r[`${p}_day`]),
        };
  for (const r of rows) {
    const latest = pick(r, "l");
    if (!latest) continue;
    const list = out.get(r.client_id) ?? [];
    list.push({ url: r.url, count: Number(r.n), baseline: pick(r, "b"), latest });
    out.set(r.client_id, list);
  }
  return out;
}

export type MarkerKind = "exercise" | "family_support" | "critical_alert";
export interface Marker {
  kind: MarkerKind;
  /** ISO instant (dates are taken at local noon). */
  at: string;
  day: string;
  label: string;
}

/** Exercise starts, signed family-support sessions and critical alerts in the range. One query. */
export async function trendMarkers(db: Db, organisationId: string, clientId: string, timeZone: string, range: Range | Span, now = new Date()): Promise<Marker[]> {
  return parseMarkers(rowsOf<Marker>(await db.execute(trendMarkersSql(organisationId, clientId, timeZone, range, now))));
}

export function parseMarkers(rows: Marker[]): Marker[] {
  return [...rows].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function trendMarkersSql(organisationId: string, clientId: string, timeZone: string, range: Range | Span, now = new Date()): SQL {
  const { from, to } = rangeBounds(range, now);
  const fromDay = from ? from.toISOString().slice(0, 10) : "0001-01-01";
  const toDay = to ? to.toISOString().slice(0, 10) : "9999-12-31";
  const noon = (d: SQL) => sql`${iso(sql`((${d})::timestamp + interval '12 hours') at time zone ${timeZone}`)}`;
  return sql`
    select 'exercise' as kind, ${noon(sql`start_date`)} as at, start_date::text as day, exercise_id as label
      from assignments where organisation_id = ${organisationId} and client_id = ${clientId} and start_date between ${fromDay}::date and ${toDay}::date
    union all
    select 'family_support', ${noon(sql`session_date`)}, session_date::text, 'Family support session'
      from session_notes where organisation_id = ${organisationId} and client_id = ${clientId} and type = 'family_support' and status = 'signed' and session_date between ${fromDay}::date and ${toDay}::date
    union all
    select 'critical_alert', ${iso(sql`raised_at`)}, to_char(raised_at at time zone ${timeZone}, 'YYYY-MM-DD'), 'Critical answer'
      from critical_alerts where organisation_id = ${organisationId} and client_id = ${clientId} ${since(sql`raised_at`, range, now)}
    order by 2`;
}

export interface IntensityPoint {
  at: string;
  day: string;
  before: number;
  after: number;
  count: number;
}

/** Thought-record intensity before and after, thinned like the score series (weekly average when many). */
export async function intensitySeries(db: Db, organisationId: string, clientId: string, timeZone: string, range: Range | Span, now = new Date()): Promise<IntensityPoint[]> {
  return parseIntensity(rowsOf<IntensityPoint>(await db.execute(intensitySeriesSql(organisationId, clientId, timeZone, range, now))));
}

export function parseIntensity(rows: IntensityPoint[]): IntensityPoint[] {
  return rows.map((r) => ({ ...r, before: Number(r.before), after: Number(r.after), count: Number(r.count) })).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function intensitySeriesSql(organisationId: string, clientId: string, timeZone: string, range: Range | Span, now = new Date()): SQL {
  return sql`
    with s as (
      select submitted_at as at, intensity_before::float8 as b, intensity_after::float8 as a from exercise_entries
      where organisation_id = ${organisationId} and client_id = ${clientId} and contact_id is null
        and intensity_before is not null and intensity_after is not null ${since(sql`submitted_at`, range, now)}
    ), n as (select count(*) as c from s)
    select ${iso(sql`max(at)`)} as at, to_char(max(at) at time zone ${timeZone}, 'YYYY-MM-DD') as day,
      round(avg(b)::numeric, 1)::float8 as before, round(avg(a)::numeric, 1)::float8 as after, count(*)::int as count
    from s, n group by case when n.c <= ${MAX_POINTS} then at else date_trunc('week', at, ${timeZone}) end order by 1`;
}
