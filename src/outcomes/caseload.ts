import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { adherence, classifyOccurrences, missedInARow, type Cadence, type OccurrenceRow, type Pause } from "@/scheduling/cadence";
import { rciParametersFor } from "@/checkins/rci";
import { rosterConditions } from "@/clients/roster";
import { getBundledInstrument } from "@/content/instruments";
import { rowsOf, type Db } from "@/db/client";
import type { ClientStatus } from "@/db/schema";
import { addDays, localDateOf } from "@/lib/local-date";
import type { ChangeVerdict } from "./change";
import { trackVerdict } from "./expected-recovery/model";
import { expectedRecoveryFor } from "./expected-recovery/store";
import { NUMBNESS_URL } from "./team";
import { compareUrgency, flagsFor, urgencyScore, type Flag } from "./urgency";
import { changeFor } from "./verdict";

export interface CaseloadRow {
  id: string;
  name: string;
  preferredName: string | null;
  recordNumber: string;
  status: ClientStatus;
  /** The last (up to) 12 numbness totals, oldest first. */
  spark: number[];
  latest: { total: number; band: string | null; severity: number | null } | null;
  verdict: ChangeVerdict | null;
  /** Exercises done of those due in the last 28 days; null when none came due. */
  adherence: number | null;
  daysSinceCheckin: number | null;
  flags: Flag[];
  urgency: number;
  /** Beyond the expected recovery band on the worse side: how far (SDs), and which stored fit said so. */
  notOnTrack?: { strength: number; fitId: string } | null;
}

export const ADHERENCE_DAYS = 28;
export const WINDOW_DAYS = 56;
const DAY = 86_400_000;

type ClientRow = {
  id: string; name: string; preferred_name: string | null; record_number: string; status: ClientStatus; time_zone: string; start_date: string;
  spark: number[] | null; latest_total: number | null; latest_band: string | null; latest_severity: number | null; baseline_total: number | null; scored: number;
  latest_ms: number | null; baseline_ms: number | null;
  last_checkin_ms: number | null; open_alerts: number;
};
/** `done`: the submissions in the window as one comma-separated list of ISO instants, oldest first (cheaper to read and to key than a JSON array). */
export type AssignmentRow = { client_id: string; cadence: Cadence; start_date: string; end_date: string | null; ended_on: string | null; pauses: Pause[] | null; done: string | null };

/**
 * The counselor's open clients with what triage needs, in two queries whatever the caseload's
 * size: one for the check-in aggregates and alerts (lateral joins on the trend index), one for the
 * recent exercise schedule and submissions (classified here with the shared cadence rules).
 */
export async function listCaseload(db: Db, actor: Actor, now = new Date()): Promise<CaseloadRow[]> {
  const org = actor.organisationId;
  const where = rosterConditions(actor, { open: true, mine: true });
  const numbness = sql`a.organisation_id = ${org} and a.client_id = clients.id and a.instrument_url = ${NUMBNESS_URL} and a.contact_id is null`;
  const windowStart = new Date(now.getTime() - WINDOW_DAYS * DAY);
  const [clientResult, assignmentResult, instrument] = await Promise.all([
    db.execute(sql`
      select clients.id, clients.name, clients.preferred_name, clients.record_number, clients.status, clients.time_zone, clients.start_date::text as start_date,
        sp.spark, lt.total as latest_total, lt.band_label as latest_band, lt.band_severity as latest_severity, bl.total as baseline_total, sc.n as scored,
        lt.ms as latest_ms, bl.ms as baseline_ms,
        lc.ms as last_checkin_ms, al.n as open_alerts
      from clients
      left join lateral (select array_agg(x.total order by x.at) as spark from (
        select a.total::float8 as total, a.administered_at as at from checkin_administrations a where ${numbness} and a.status <> 'invalid'
        order by a.administered_at desc limit 12) x) sp on true
      left join lateral (select a.total::float8 as total, a.band_label, a.band_severity::int as band_severity,
        (extract(epoch from a.administered_at) * 1000)::float8 as ms from checkin_administrations a
        where ${numbness} and a.status <> 'invalid' order by a.administered_at desc limit 1) lt on true
      left join lateral (select a.total::float8 as total, (extract(epoch from a.administered_at) * 1000)::float8 as ms from checkin_administrations a
        where ${numbness} and a.status = 'complete' order by a.administered_at asc limit 1) bl on true
      left join lateral (select count(*)::int as n from (select 1 from checkin_administrations a where ${numbness} and a.status <> 'invalid' limit 2) y) sc on true
      left join lateral (select (extract(epoch from max(a.administered_at)) * 1000)::float8 as ms from checkin_administrations a
        where a.organisation_id = ${org} and a.client_id = clients.id and a.contact_id is null) lc on true
      left join lateral (select count(*)::int as n from critical_alerts k
        where k.organisation_id = ${org} and k.client_id = clients.id and k.acknowledged_at is null) al on true
      where ${where}`),
    db.execute(sql`
      select s.client_id, s.cadence, s.start_date::text as start_date, s.end_date::text as end_date, s.ended_on::text as ended_on,
        (select json_agg(json_build_object('from', p.from_date::text, 'until', p.until_date::text)) from assignment_pauses p where p.assignment_id = s.id) as pauses,
        (select string_agg(to_char(e.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ',' order by e.submitted_at) from exercise_entries e
          where e.assignment_id = s.id and e.submitted_at >= ${windowStart.toISOString()}::timestamptz) as done
      from assignments s
      where s.organisation_id = ${org} and s.contact_id is null and (s.ended_on is null or s.ended_on >= ${windowStart.toISOString().slice(0, 10)}::date)
        and s.client_id in (select clients.id from clients where ${where})`),
    getBundledInstrument(NUMBNESS_URL),
  ]);
  const [params, curve] = instrument ? await Promise.all([rciParametersFor(db, org, instrument), expectedRecoveryFor(db, org, instrument)]) : [null, null];
  const assignmentsByClient = new Map<string, AssignmentRow[]>();
  for (const a of rowsOf<AssignmentRow>(assignmentResult)) assignmentsByClient.set(a.client_id, [...(assignmentsByClient.get(a.client_id) ?? []), a]);

  const rows = rowsOf<ClientRow>(clientResult).map((c): CaseloadRow => {
    const today = localDateOf(now, c.time_zone);
    const practice = recentPractice(c.id, assignmentsByClient.get(c.id) ?? [], c.time_zone, today, now);
    const verdict =
      instrument && params && c.baseline_total !== null && c.latest_total !== null && Number(c.scored) >= 2
        ? changeFor(instrument, params, Number(c.baseline_total), Number(c.latest_total)).verdict
        : null;
    const weeks = c.latest_ms === null || c.baseline_ms === null ? 0 : (Number(c.latest_ms) - Number(c.baseline_ms)) / (7 * DAY);
    const track =
      instrument && curve?.fit && c.baseline_total !== null && c.latest_total !== null
        ? trackVerdict(curve.fit, instrument.scoring.direction, Number(c.baseline_total), weeks, Number(c.latest_total))
        : null;
    const notOnTrack = track?.status === "not_on_track" && curve ? { strength: track.strength, fitId: curve.id } : null;
    const daysSinceCheckin = c.last_checkin_ms === null ? null : Math.floor((now.getTime() - Number(c.last_checkin_ms)) / DAY);
    const daysSinceStart = Math.floor((now.getTime() - Date.parse(`${c.start_date}T12:00:00Z`)) / DAY);
    const flags = flagsFor({ openAlerts: Number(c.open_alerts), verdict, daysSinceCheckin, daysSinceStart, missedInARow: practice.missedInARow, notOnTrack: notOnTrack !== null });
    return {
      id: c.id,
      name: c.name,
      preferredName: c.preferred_name,
      recordNumber: c.record_number,
      status: c.status,
      spark: (c.spark ?? []).map(Number),
      latest: c.latest_total === null ? null : { total: Number(c.latest_total), band: c.latest_band, severity: c.latest_severity === null ? null : Number(c.latest_severity) },
      verdict,
      adherence: practice.rate,
      daysSinceCheckin,
      flags,
      urgency: urgencyScore(flags),
      notOnTrack,
    };
  });
  // Sort keys built once per row, not twice per comparison.
  return rows
    .map((row) => ({ row, key: { name: row.name, flags: row.flags, urgency: row.urgency, latestSeverity: row.latest?.severity ?? null, daysSinceCheckin: row.daysSinceCheckin } }))
    .sort((a, b) => compareUrgency(a.key, b.key))
    .map((k) => k.row);
}

// One entry per client: the exact inputs it was computed from, and the result.
const practiceCache = new Map<string, { inputs: string; value: { rate: number | null; missedInARow: number } }>();

/**
 * A client's recent practice: adherence over the last 28 days and missed exercises in a row.
 * The classification depends only on the schedules, the submissions and the client's local day
 * (not the time of day), so its result is kept per exact input and day: a caseload reloaded
 * through the day classifies each client's exercises once, and any new submission, pause or
 * schedule change (part of the key) or the next day computes afresh.
 */
function recentPractice(clientId: string, assignments: readonly AssignmentRow[], timeZone: string, today: string, now: Date): { rate: number | null; missedInARow: number } {
  const inputs = `${timeZone}|${today}|${JSON.stringify(assignments)}`;
  const known = practiceCache.get(clientId);
  if (known && known.inputs === inputs) return known.value;
  const occurrences = assignments.flatMap((a) => recentOccurrences(a, timeZone, today, now));
  const value = { rate: adherence(occurrences.filter((o) => o.date > addDays(today, -ADHERENCE_DAYS))).rate, missedInARow: missedInARow(occurrences) };
  if (practiceCache.size >= 100_000) practiceCache.clear();
  practiceCache.set(clientId, { inputs, value });
  return value;
}

/** Occurrences in the recent window only: the schedule is moved forward by whole weeks first. Also used by the caseload CSV. */
export function recentOccurrences(a: AssignmentRow, timeZone: string, today: string, now: Date): OccurrenceRow[] {
  const windowStart = addDays(today, -WINDOW_DAYS);
  let startDate = a.start_date;
  if (a.cadence.kind !== "once" && startDate < windowStart) {
    const weeks = Math.floor((Date.parse(`${windowStart}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / (7 * DAY));
    startDate = addDays(startDate, weeks * 7);
  }
  const rows = classifyOccurrences(
    { cadence: a.cadence, startDate, endDate: a.end_date, endedOn: a.ended_on, pauses: a.pauses ?? [], timeZone },
    (a.done ? a.done.split(",") : []).map((d) => new Date(d)),
    now,
  );
  return rows.filter((r) => r.date >= windowStart);
}
