import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { adherence } from "@/scheduling/cadence";
import { rciParametersFor } from "@/checkins/rci";
import { visibleClients } from "@/clients/access";
import { getBundledInstrument } from "@/content/instruments";
import { rowsOf, type Db } from "@/db/client";
import type { Instrument } from "@/instruments/fhir-schema";
import { csvLine } from "@/lib/csv";
import { addDays, localDateOf } from "@/lib/local-date";
import { ADHERENCE_DAYS, recentOccurrences, WINDOW_DAYS, type AssignmentRow } from "@/outcomes/caseload";
import { changeFor, verdictLabels } from "@/outcomes/verdict";

/** The client's own indicators that the caseload file reports, in column order. */
const INDICATORS = [
  { key: "numbness", url: "https://attune.health/fhir/Questionnaire/attune-numbness" },
  { key: "empathy", url: "https://attune.health/fhir/Questionnaire/attune-empathy-connection" },
  { key: "detachment", url: "https://attune.health/fhir/Questionnaire/attune-detachment-profile" },
] as const;

export const CASELOAD_CSV_HEADER = [
  "client_id", "record_number", "name", "status", "recovery_focus", "primary_counselor", "start_date", "last_checkin_date", "open_critical_alerts",
  ...INDICATORS.flatMap((i) => [`${i.key}_latest`, `${i.key}_band`, `${i.key}_latest_date`, `${i.key}_baseline`, `${i.key}_verdict`]),
  `exercises_due_${ADHERENCE_DAYS}d`, `exercises_done_${ADHERENCE_DAYS}d`, `adherence_${ADHERENCE_DAYS}d_percent`,
];

const DAY = 86_400_000;

/** Supervisors export their team: the clients they may see (their own and their counselors'). */
export function mayExportCaseload(actor: Actor | null): actor is Actor {
  return actor?.role === "supervisor";
}

/** How many rows the file will have, for the page's progress bar. */
export async function caseloadRowCount(db: Db, actor: Actor): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from clients where ${visibleClients(actor)}`));
  return Number(row?.n ?? 0);
}

type Row = Record<string, string | number | null> & {
  id: string; record_number: string; name: string; status: string; recovery_focus: string; counselor: string; start_date: string; time_zone: string;
  last_checkin: string | null; open_alerts: number;
};

function indicatorColumns(org: string, url: string, key: string, tz: SQL): SQL {
  const own = sql`a.organisation_id = ${org} and a.client_id = clients.id and a.instrument_url = ${url} and a.contact_id is null`;
  // The latest two scored check-ins in one index probe: the latest's values, and whether there
  // are two (a change needs two); then the first complete one, the baseline.
  return sql`
    left join lateral (select count(*)::int as n, (array_agg(x.total order by x.at desc))[1] as total, (array_agg(x.band order by x.at desc))[1] as band,
        to_char((array_agg(x.at order by x.at desc))[1] at time zone ${tz}, 'YYYY-MM-DD') as day
      from (select a.total::float8 as total, a.band_label as band, a.administered_at as at from checkin_administrations a
        where ${own} and a.status <> 'invalid' order by a.administered_at desc limit 2) x) ${sql.raw(`${key}_l`)} on true
    left join lateral (select a.total::float8 as total from checkin_administrations a where ${own} and a.status = 'complete'
      order by a.administered_at asc limit 1) ${sql.raw(`${key}_b`)} on true`;
}

/**
 * One batch of the file: the visible clients after `after` in id order, `batchSize` of them, with
 * their scores. The page's ids first (an index range on the visible clients), then the lookups for
 * those rows only. The ids go in as one array (an index lookup per id): joined to the page as a
 * set, PostgreSQL walked every client before the page in id order with all the lateral lookups on
 * each, so each batch cost more than the last (13 s for 20,000 rows; the test reads the plan).
 */
export function caseloadCsvBatch(actor: Actor, after: string | null, batchSize: number): SQL {
  const org = actor.organisationId;
  const tz = sql`clients.time_zone`;
  const picked = INDICATORS.map((i) => sql.raw(`${i.key}_l.total as ${i.key}_latest, ${i.key}_l.band as ${i.key}_band, ${i.key}_l.day as ${i.key}_day, ${i.key}_b.total as ${i.key}_baseline, ${i.key}_l.n as ${i.key}_n`));
  const page: SQL = sql`${visibleClients(actor)} ${after ? sql`and clients.id > ${after}::uuid` : sql``}`;
  return sql`
      with page as materialized (select clients.id from clients where ${page} order by clients.id limit ${batchSize})
      select clients.id, clients.record_number, clients.name, clients.status, clients.recovery_focus, u.name as counselor, clients.start_date::text as start_date,
        clients.time_zone, lc.day as last_checkin, al.n as open_alerts, ${sql.join(picked, sql`, `)}
      from clients
      join users u on u.id = clients.primary_counselor_id
      ${sql.join(INDICATORS.map((i) => indicatorColumns(org, i.url, i.key, tz)), sql` `)}
      left join lateral (select to_char(max(a.administered_at) at time zone ${tz}, 'YYYY-MM-DD') as day from checkin_administrations a
        where a.organisation_id = ${org} and a.client_id = clients.id and a.contact_id is null) lc on true
      left join lateral (select count(*)::int as n from critical_alerts k where k.organisation_id = ${org} and k.client_id = clients.id and k.acknowledged_at is null) al on true
      where clients.id = any(array(select id from page))
      order by clients.id`;
}

/**
 * The team's caseload, one line per client in keyset batches over the client id, so 20,000
 * clients stream in the same memory as 1,000: each batch is one query for the scores (lateral
 * lookups on the trend index) and one for the recent exercise schedule, classified with the
 * shared cadence rules like the caseload page.
 */
export async function* caseloadCsvLines(db: Db, actor: Actor, now = new Date(), batchSize = 500): AsyncGenerator<string> {
  if (!mayExportCaseload(actor)) return;
  const org = actor.organisationId;
  const instruments = new Map<string, Instrument>();
  const params = new Map<string, { r: number; sd: number }>();
  for (const i of INDICATORS) {
    const instrument = await getBundledInstrument(i.url);
    if (!instrument) continue;
    instruments.set(i.url, instrument);
    params.set(i.url, await rciParametersFor(db, org, instrument));
  }
  const windowStart = new Date(now.getTime() - WINDOW_DAYS * DAY);
  yield csvLine(CASELOAD_CSV_HEADER);
  // One batch's two statements, the scores and then the recent exercise schedule of its clients.
  const fetchBatch = async (after: string | null): Promise<{ rows: Row[]; assignmentRows: AssignmentRow[] }> => {
    const rows = rowsOf<Row>(await db.execute(caseloadCsvBatch(actor, after, batchSize)));
    if (rows.length === 0) return { rows, assignmentRows: [] };
    const assignmentRows = rowsOf<AssignmentRow>(
      await db.execute(sql`
        select s.client_id, s.cadence, s.start_date::text as start_date, s.end_date::text as end_date, s.ended_on::text as ended_on,
          (select json_agg(json_build_object('from', p.from_date::text, 'until', p.until_date::text)) from assignment_pauses p where p.assignment_id = s.id) as pauses,
          (select string_agg(to_char(e.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ',' order by e.submitted_at) from exercise_entries e
            where e.assignment_id = s.id and e.submitted_at >= ${windowStart.toISOString()}::timestamptz) as done
        from assignments s
        where s.organisation_id = ${org} and s.contact_id is null and (s.ended_on is null or s.ended_on >= ${windowStart.toISOString().slice(0, 10)}::date)
          and s.client_id in (${sql.join(rows.map((r) => sql`${r.id}::uuid`), sql`, `)})`),
    );
    return { rows, assignmentRows };
  };
  // The next batch is read while this one is written out (the database works while this process
  // formats lines): never more than two batches in memory.
  // A reader who stops early (the download cancelled) leaves a batch in flight: its failure is
  // marked handled here, while the loop's own await still throws it.
  const ahead = (after: string | null) => {
    const batch = fetchBatch(after);
    batch.catch(() => {});
    return batch;
  };
  let next = ahead(null);
  for (;;) {
    const { rows, assignmentRows } = await next;
    if (rows.length === 0) return;
    if (rows.length === batchSize) next = ahead(rows.at(-1)!.id);
    const byClient = new Map<string, AssignmentRow[]>();
    for (const a of assignmentRows) byClient.set(a.client_id, [...(byClient.get(a.client_id) ?? []), a]);
    for (const r of rows) {
      const today = localDateOf(now, r.time_zone);
      const occurrences = (byClient.get(r.id) ?? []).flatMap((a) => recentOccurrences(a, r.time_zone, today, now));
      const recent = adherence(occurrences.filter((o) => o.date > addDays(today, -ADHERENCE_DAYS)));
      const indicatorCells = INDICATORS.flatMap((i) => {
        const latest = r[`${i.key}_latest`];
        const baseline = r[`${i.key}_baseline`];
        const instrument = instruments.get(i.url);
        const p = params.get(i.url);
        const verdict =
          instrument && p && latest !== null && baseline !== null && Number(r[`${i.key}_n`]) >= 2 ? verdictLabels[changeFor(instrument, p, Number(baseline), Number(latest)).verdict] : null;
        return [latest === null ? null : Number(latest), r[`${i.key}_band`], r[`${i.key}_day`], baseline === null ? null : Number(baseline), verdict];
      });
      yield csvLine([
        r.id, r.record_number, r.name, r.status, r.recovery_focus, r.counselor, r.start_date, r.last_checkin, Number(r.open_alerts),
        ...indicatorCells,
        recent.due, recent.done + recent.late, recent.rate === null ? null : Math.round(recent.rate * 100),
      ]);
    }
    if (rows.length < batchSize) return;
  }
}
