import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { inCatalogueOrder, instrumentVersions } from "@/checkins/instruments";
import { rowsOf, type Db } from "@/db/client";
import { listLibrary } from "@/exercises/library";
import type { AnswerValue, Instrument } from "@/instruments/fhir-schema";
import { csvLine } from "@/lib/csv";
import { periodSpan, type ReportPeriod } from "./period";

type Cell = string | number | boolean | null;

/** A stored check-in answer as one cell: a choice's code, a number, true/false, or the text. */
export function answerCell(value: AnswerValue | null | undefined): Cell {
  if (value === null || value === undefined) return null;
  return typeof value === "object" ? value.code : value;
}

/** A stored exercise answer as one cell; a list (checklist) as JSON so it parses back exactly. */
export function entryCell(value: string | number | string[] | null | undefined): Cell {
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? JSON.stringify(value) : value;
}

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

interface Scope {
  db: Db;
  actor: Actor;
  client: { id: string; timeZone: string };
  period: ReportPeriod;
}

/** Keyset pages over (time, id), so a client's whole history streams in constant memory. */
async function* keyset<T extends { sort_at: string; id: string }>(fetch: (after: { at: string; id: string } | null) => Promise<T[]>, batchSize: number): AsyncGenerator<T> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await fetch(after);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = { at: last.sort_at, id: last.id };
  }
}

export const CHECKIN_CSV_FIXED = [
  "administration_id", "administered_at_utc", "local_date", "instrument", "instrument_url", "instrument_version", "respondent",
  "mode", "status", "total", "band", "answered", "expected",
] as const;

type AdministrationRow = {
  id: string; sort_at: string; at: string; day: string; url: string; version: string; respondent: string | null; mode: string; status: string;
  total: number | null; band: string | null; answered: number; expected: number; answers: Record<string, AnswerValue>;
};

/**
 * One row per check-in administration in the period (the client's and their family members'),
 * oldest first, with every item's answer in a column of its own named `<instrument id>/<linkId>`.
 */
export async function* checkinCsvLines({ db, actor, client, period }: Scope, batchSize = 500): AsyncGenerator<string> {
  const org = actor.organisationId;
  const span = periodSpan(period, client.timeZone);
  const within = sql`a.organisation_id = ${org} and a.client_id = ${client.id} and a.administered_at between ${span.from.toISOString()}::timestamptz and ${span.to.toISOString()}::timestamptz`;
  const pairs = rowsOf<{ url: string; version: string }>(await db.execute(sql`select distinct a.instrument_url as url, a.instrument_version as version from checkin_administrations a where ${within}`));
  const instruments = await instrumentVersions(db, org, pairs);
  const used = inCatalogueOrder(pairs.map((p) => instruments.get(`${p.url}|${p.version}`)).filter((i): i is Instrument => Boolean(i)));
  const columns: { url: string; linkId: string; name: string }[] = [];
  const titles = new Map<string, string>();
  for (const instrument of used) {
    titles.set(`${instrument.url}|${instrument.version}`, instrument.title);
    for (const item of instrument.items) {
      if (item.type === "group" || item.type === "display") continue;
      if (!columns.some((c) => c.url === instrument.url && c.linkId === item.linkId)) columns.push({ url: instrument.url, linkId: item.linkId, name: `${instrument.id}/${item.linkId}` });
    }
  }
  yield csvLine([...CHECKIN_CSV_FIXED, ...columns.map((c) => c.name)]);
  const rows = keyset<AdministrationRow>(async (after) =>
    rowsOf<AdministrationRow>(
      await db.execute(sql`
        select a.id, a.administered_at::text as sort_at, ${iso("a.administered_at")} as at, to_char(a.administered_at at time zone ${client.timeZone}, 'YYYY-MM-DD') as day,
          a.instrument_url as url, a.instrument_version as version, c.name as respondent, a.mode, a.status, a.total::float8 as total, a.band_label as band,
          a.answered, a.expected, a.answers
        from checkin_administrations a left join support_contacts c on c.id = a.contact_id
        where ${within} ${after ? sql`and (a.administered_at, a.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by a.administered_at, a.id limit ${batchSize}`),
    ),
  batchSize);
  for await (const r of rows) {
    yield csvLine([
      r.id, r.at, r.day, titles.get(`${r.url}|${r.version}`) ?? r.url, r.url, r.version, r.respondent ?? "Client", r.mode, r.status,
      r.total === null ? null : Number(r.total), r.band, Number(r.answered), Number(r.expected),
      ...columns.map((c) => (c.url === r.url ? answerCell(r.answers[c.linkId]) : null)),
    ]);
  }
}

export const EXERCISE_CSV_FIXED = ["entry_id", "submitted_at_utc", "local_date", "exercise_id", "exercise", "exercise_version", "by", "intensity_before", "intensity_after"] as const;

type EntryRow = {
  id: string; sort_at: string; at: string; day: string; exercise_id: string; version: number; by: string | null;
  before: number | null; after: number | null; answers: Record<string, string | number | string[]>;
};

/** One row per exercise entry in the period, oldest first, with each field in a column `<exercise id>/<field id>`. */
export async function* exerciseCsvLines({ db, actor, client, period }: Scope, batchSize = 500): AsyncGenerator<string> {
  const org = actor.organisationId;
  const span = periodSpan(period, client.timeZone);
  const within = sql`e.organisation_id = ${org} and e.client_id = ${client.id} and e.submitted_at between ${span.from.toISOString()}::timestamptz and ${span.to.toISOString()}::timestamptz`;
  const [ids, library] = await Promise.all([
    db.execute(sql`select distinct e.exercise_id from exercise_entries e where ${within} order by 1`),
    listLibrary(db, org),
  ]);
  const byId = new Map(library.map((e) => [e.id, e]));
  const columns = rowsOf<{ exercise_id: string }>(ids).flatMap(({ exercise_id }) =>
    (byId.get(exercise_id)?.fields ?? []).map((f) => ({ exerciseId: exercise_id, fieldId: f.id, name: `${exercise_id}/${f.id}` })),
  );
  yield csvLine([...EXERCISE_CSV_FIXED, ...columns.map((c) => c.name)]);
  const rows = keyset<EntryRow>(async (after) =>
    rowsOf<EntryRow>(
      await db.execute(sql`
        select e.id, e.submitted_at::text as sort_at, ${iso("e.submitted_at")} as at, to_char(e.submitted_at at time zone ${client.timeZone}, 'YYYY-MM-DD') as day,
          e.exercise_id, e.exercise_version as version, c.name as by, e.intensity_before as before, e.intensity_after as after, e.answers
        from exercise_entries e left join support_contacts c on c.id = e.contact_id
        where ${within} ${after ? sql`and (e.submitted_at, e.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by e.submitted_at, e.id limit ${batchSize}`),
    ),
  batchSize);
  for await (const r of rows) {
    yield csvLine([
      r.id, r.at, r.day, r.exercise_id, byId.get(r.exercise_id)?.title ?? r.exercise_id, Number(r.version), r.by ?? "Client",
      r.before === null ? null : Number(r.before), r.after === null ? null : Number(r.after),
      ...columns.map((c) => (c.exerciseId === r.exercise_id ? entryCell(r.answers[c.fieldId]) : null)),
    ]);
  }
}
