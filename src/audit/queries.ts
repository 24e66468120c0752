import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/auth/actor";
import type { RequestMeta } from "@/auth/credentials";
import { encodeCursor, type CursorValue, type PageInfo } from "@/components/data-table/table-state";
import { rowsOf, type Db } from "@/db/client";
import { auditEvents, clients, users, type ActorKind, type UserStatus } from "@/db/schema";
import { csvLine, streamLines } from "@/lib/csv";
import { addDays, isLocalDate } from "@/lib/local-date";
import { isUuid } from "@/lib/ids";
import { staffText } from "@/i18n/staff";
import { auditTable, type AuditFilters } from "./audit-table";
import { recordAudit } from "./record";

export interface AuditRow {
  id: number;
  occurredAt: string;
  actorKind: ActorKind;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** The user's name for a user, nothing else: clients are shown by record number only. */
  entityName: string | null;
  clientId: string | null;
  clientRecordNumber: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, string | number | boolean | null> | null;
}

export interface AuditQuery {
  sort: { id: "occurredAt"; desc: boolean };
  filters: AuditFilters;
  pageSize: number;
  cursor: { after?: CursorValue[]; before?: CursorValue[] };
}

const actorUser = alias(users, "actor_user");
const subjectUser = alias(users, "subject_user");

/** The organisation's events matching the filters. Days are UTC days; `to` includes its whole day. */
export function auditConditions(actor: Actor, filters: AuditFilters): SQL {
  const parts: SQL[] = [eq(auditEvents.organisationId, actor.organisationId)];
  if (filters.user) parts.push(eq(auditEvents.actorUserId, filters.user));
  if (filters.action) parts.push(eq(auditEvents.action, filters.action));
  if (filters.client) {
    parts.push(
      isUuid(filters.client)
        ? eq(auditEvents.clientId, filters.client.toLowerCase())
        : sql`${auditEvents.clientId} in (select c.id from ${clients} c where c.organisation_id = ${actor.organisationId} and c.record_number = ${filters.client})`,
    );
  }
  if (filters.from) parts.push(gte(auditEvents.occurredAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) parts.push(lt(auditEvents.occurredAt, new Date(`${addDays(filters.to, 1)}T00:00:00Z`)));
  return and(...parts)!;
}

// What PostgreSQL prints for a timestamptz; checked fully, since a hand-made cursor reaches a cast.
const TIMESTAMP_RE = /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-](0\d|1[0-5])(:?[0-5]\d)?|Z)?$/;
function isTimestampText(value: string): boolean {
  const match = TIMESTAMP_RE.exec(value);
  return Boolean(match && isLocalDate(match[1]));
}

/** A cursor is [occurred_at as text, id, 1-based position of that row]: positions need no count. */
function readCursor(values: CursorValue[] | undefined): { at: string; id: number; position: number } | null {
  if (!values || values.length !== 3) return null;
  const [at, id, position] = values;
  if (typeof at !== "string" || !isTimestampText(at)) return null;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) return null;
  if (typeof position !== "number" || !Number.isSafeInteger(position) || position < 1) return null;
  return { at, id, position };
}

// The indexes are declared "occurred_at DESC NULLS LAST"; a plain DESC means NULLS FIRST, and
// PostgreSQL then sorts the whole organisation's log instead of reading the index in order.
const newestFirst = [sql`${auditEvents.occurredAt} desc nulls last`, sql`${auditEvents.id} desc nulls last`];
const oldestFirst = [sql`${auditEvents.occurredAt} asc nulls first`, sql`${auditEvents.id} asc nulls first`];

/** Rows in the given order, strictly past the cursor row when there is one. */
async function fetchRows(db: Db, where: SQL, descending: boolean, from: { at: string; id: number } | null, limit: number) {
  const keyset = from
    ? sql`(${auditEvents.occurredAt}, ${auditEvents.id}) ${descending ? sql`<` : sql`>`} (cast(${from.at} as timestamptz), cast(${from.id} as bigint))`
    : undefined;
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      sortValue: sql<string>`${auditEvents.occurredAt}::text`,
      actorKind: auditEvents.actorKind,
      actorUserId: auditEvents.actorUserId,
      actorName: actorUser.name,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      entityName: subjectUser.name,
      clientId: auditEvents.clientId,
      clientRecordNumber: clients.recordNumber,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(actorUser, and(eq(actorUser.id, auditEvents.actorUserId), eq(actorUser.organisationId, auditEvents.organisationId)))
    .leftJoin(
      subjectUser,
      and(
        eq(
          subjectUser.id,
          sql`case when ${auditEvents.entityType} = 'user' and ${auditEvents.entityId} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${auditEvents.entityId}::uuid end`,
        ),
        eq(subjectUser.organisationId, auditEvents.organisationId),
      ),
    )
    .leftJoin(clients, and(eq(clients.id, auditEvents.clientId), eq(clients.organisationId, auditEvents.organisationId)))
    .where(keyset ? and(where, keyset) : where)
    .orderBy(...(descending ? newestFirst : oldestFirst))
    .limit(limit);
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt).toISOString() }));
}

type FetchedRow = Awaited<ReturnType<typeof fetchRows>>[number];

function toAuditRow({ sortValue: _sortValue, ...row }: FetchedRow): AuditRow {
  return row;
}

export interface AuditPage {
  rows: AuditRow[];
  page: PageInfo;
}

/**
 * One page of the audit log, keyset-paged on (occurred_at, id) over audit_events_org_time_idx,
 * so page 300 costs what page 1 does. No total is counted: on millions of events that count
 * would cost more than the page; the cursor carries the row's position instead.
 */
export async function listAuditEvents(db: Db, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  const empty: AuditPage = { rows: [], page: { from: 0, to: 0, nextCursor: null, prevCursor: null } };
  if (actor.role !== "admin") return empty;
  const where = auditConditions(actor, query.filters);
  const before = readCursor(query.cursor.before);
  const after = before ? null : readCursor(query.cursor.after);
  const size = query.pageSize;

  let rows: FetchedRow[];
  let from: number;
  let more: boolean;
  if (before) {
    // Walk backwards from the first row of the page we came from, then put the rows back in order.
    const fetched = await fetchRows(db, where, !query.sort.desc, before, size + 1);
    const earlier = fetched.length > size;
    rows = fetched.slice(0, size).reverse();
    from = earlier ? Math.max(2, before.position - rows.length) : 1;
    more = true;
  } else {
    const fetched = await fetchRows(db, where, query.sort.desc, after, size + 1);
    more = fetched.length > size;
    rows = fetched.slice(0, size);
    from = after ? after.position + 1 : 1;
  }
  if (rows.length === 0) return empty;
  const to = from + rows.length - 1;
  const first = rows[0]!;
  const last = rows.at(-1)!;
  return {
    rows: rows.map(toAuditRow),
    page: {
      from,
      to,
      nextCursor: more ? encodeCursor([last.sortValue, last.id, to]) : null,
      prevCursor: from > 1 ? encodeCursor([first.sortValue, first.id, from]) : null,
    },
  };
}

export interface AuditPerson {
  id: string;
  name: string;
  status: UserStatus;
}

export interface AuditFilterOptions {
  actions: string[];
  /** The person the user filter names, when it names one of the organisation's people. */
  selectedUser: AuditPerson | null;
}

/**
 * The actions present in the organisation's log, found by skipping through
 * audit_events_action_idx (one index probe per distinct action, not every event), and the person
 * the user filter names, in one query. The full list of people is fetched by the browser after
 * the page has loaded (`auditPeople`, GET /api/admin/audit/people): every user of the
 * organisation in every page of the log was most of the page's data.
 */
export async function auditFilterOptions(db: Db, actor: Actor, selectedUserId?: string): Promise<AuditFilterOptions> {
  if (actor.role !== "admin") return { actions: [], selectedUser: null };
  const org = actor.organisationId;
  const selected = selectedUserId && isUuid(selectedUserId) ? selectedUserId : null;
  const result = await db.execute(sql`
    with recursive a(action) as (
      (select e.action from audit_events e where e.organisation_id = ${org} order by e.action limit 1)
      union all
      select (select e.action from audit_events e where e.organisation_id = ${org} and e.action > a.action order by e.action limit 1)
      from a where a.action is not null
    )
    select
      (select coalesce(array_agg(action order by action), '{}'::text[]) from a where action is not null) as actions,
      (select json_build_object('id', u.id, 'name', u.name, 'status', u.status) from users u where u.organisation_id = ${org} and u.id = ${selected}::uuid) as selected`);
  const [row] = rowsOf<{ actions: string[] | null; selected: AuditPerson | null }>(result);
  return { actions: row?.actions ?? [], selectedUser: row?.selected ?? null };
}

/** Every person of the administrator's organisation, by name, for the audit log's user filter; nobody for anyone else. */
export async function auditPeople(db: Db, actor: Actor): Promise<AuditPerson[]> {
  if (actor.role !== "admin") return [];
  return db
    .select({ id: users.id, name: users.name, status: users.status })
    .from(users)
    .where(eq(users.organisationId, actor.organisationId))
    .orderBy(sql`lower(${users.name})`, users.id);
}

const auditWords = staffText("auditLabels");

/** A person as the user filter shows them. */
export const auditPersonLabel = (u: AuditPerson): string => (u.status === "deactivated" ? auditWords("personDeactivated", { name: u.name }) : u.name);

export const AUDIT_CSV_HEADER = [
  "event_id", "occurred_at_utc", "actor_kind", "actor_user_id", "actor_name", "action", "entity_type",
  "entity_id", "entity_name", "client_id", "client_record_number", "ip", "user_agent", "detail",
] as const;

function csvRow(r: AuditRow): string {
  return csvLine([
    r.id, r.occurredAt, r.actorKind, r.actorUserId, r.actorName, r.action, r.entityType,
    r.entityId, r.entityName, r.clientId, r.clientRecordNumber, r.ip, r.userAgent, r.detail ? JSON.stringify(r.detail) : null,
  ]);
}

/** The filtered log as CSV lines, newest first, read in keyset batches so memory stays flat. */
export async function* auditCsvLines(db: Db, actor: Actor, filters: AuditFilters, batchSize = 1000): AsyncGenerator<string> {
  if (actor.role !== "admin") return;
  const where = auditConditions(actor, filters);
  yield csvLine([...AUDIT_CSV_HEADER]);
  let cursor: { at: string; id: number } | null = null;
  for (;;) {
    const rows = await fetchRows(db, where, true, cursor, batchSize);
    for (const row of rows) yield csvRow(toAuditRow(row));
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    cursor = { at: last.sortValue, id: last.id };
  }
}

/**
 * The CSV export behind /api/admin/audit: the same role check as the page (anyone else gets
 * the same 404 as a missing page), the same filters, and an `audit.export` event of its own.
 */
export async function exportAuditCsv(db: Db, actor: Actor | null, params: URLSearchParams, meta: RequestMeta, now = new Date()): Promise<Response> {
  if (!actor || actor.role !== "admin") return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const { filters } = auditTable.parse(params);
  await recordAudit(db, {
    organisationId: actor.organisationId,
    actorKind: "user",
    actorUserId: actor.userId,
    action: "audit.export",
    entityType: "audit_log",
    ip: meta.ip,
    userAgent: meta.userAgent,
    detail: {
      format: "csv",
      user: filters.user ?? null,
      client: filters.client ?? null,
      action: filters.action ?? null,
      from: filters.from ?? null,
      to: filters.to ?? null,
    },
  });
  const lines = auditCsvLines(db, actor, filters);
  const body = streamLines(lines);
  const day = now.toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
