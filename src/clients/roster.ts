import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { clients, clientStatus, recoveryFocus, users, type ClientStatus, type RecoveryFocus } from "@/db/schema";
import { encodeCursor, type PageInfo } from "@/components/data-table/table-state";
import { visibleClients } from "./access";
import { isUuid } from "@/lib/ids";

export const rosterSortable = ["name", "recordNumber", "status", "focus", "counselor", "tags", "startDate", "lastContact"] as const;
export type RosterSort = (typeof rosterSortable)[number];

export interface RosterQuery {
  sort: { id: RosterSort; desc: boolean };
  filters: { status?: ClientStatus; focus?: RecoveryFocus; counselor?: string; tag?: string; q?: string; open?: boolean; mine?: boolean };
  pageSize: number;
  cursor: { after?: unknown[]; before?: unknown[] };
}

export interface RosterRow {
  id: string;
  name: string;
  preferredName: string | null;
  recordNumber: string;
  status: ClientStatus;
  recoveryFocus: RecoveryFocus;
  counselorId: string;
  counselorName: string;
  tags: string[];
  startDate: string;
  lastContactAt: string | null;
}

// Each sortable column as an SQL expression and the type its cursor value is cast to. NULLs
// are mapped to a fixed end so that keyset comparisons stay total.
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const cursorChecks: Record<string, (v: unknown) => boolean> = {
  text: (v) => typeof v === "string",
  client_status: (v) => typeof v === "string" && (clientStatus.enumValues as readonly string[]).includes(v),
  recovery_focus: (v) => typeof v === "string" && (recoveryFocus.enumValues as readonly string[]).includes(v),
  date: (v) => typeof v === "string" && isoDate.test(v),
  timestamptz: (v) => typeof v === "string" && (v === "-infinity" || !Number.isNaN(Date.parse(v.replace(" ", "T")))),
};

const sortExpressions: Record<RosterSort, { expr: SQL; cast: string }> = {
  name: { expr: sql`lower(${clients.name})`, cast: "text" },
  recordNumber: { expr: sql`${clients.recordNumber}`, cast: "text" },
  status: { expr: sql`${clients.status}`, cast: "client_status" },
  focus: { expr: sql`${clients.recoveryFocus}`, cast: "recovery_focus" },
  counselor: { expr: sql`lower(${users.name})`, cast: "text" },
  tags: { expr: sql`array_to_string(${clients.tags}, ',')`, cast: "text" },
  startDate: { expr: sql`${clients.startDate}`, cast: "date" },
  lastContact: { expr: sql`coalesce(${clients.lastContactAt}, '-infinity'::timestamptz)`, cast: "timestamptz" },
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function rosterConditions(actor: Actor, filters: RosterQuery["filters"]): SQL {
  const parts: SQL[] = [visibleClients(actor)];
  if (filters.status) parts.push(eq(clients.status, filters.status));
  else if (filters.open) parts.push(sql`${clients.status} <> 'discharged'`);
  if (filters.mine) {
    parts.push(sql`(${clients.primaryCounselorId} = ${actor.userId}
      or exists (select 1 from client_care_team t where t.client_id = ${clients.id} and t.user_id = ${actor.userId}))`);
  }
  if (filters.focus) parts.push(eq(clients.recoveryFocus, filters.focus));
  if (filters.counselor) parts.push(eq(clients.primaryCounselorId, filters.counselor));
  if (filters.tag) parts.push(sql`${clients.tags} @> array[${filters.tag}]::text[]`);
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    parts.push(or(ilike(clients.name, pattern), ilike(clients.preferredName, pattern), ilike(clients.recordNumber, pattern))!);
  }
  return and(...parts)!;
}

/** The page's rows query, exposed so the benchmark can EXPLAIN exactly what runs. */
export function rosterRowsQuery(db: Db, where: SQL, order: SQL[], limit: number, sortId: RosterSort = "name") {
  const { expr } = sortExpressions[sortId];
  return db
    .select({
      id: clients.id,
      name: clients.name,
      preferredName: clients.preferredName,
      recordNumber: clients.recordNumber,
      status: clients.status,
      recoveryFocus: clients.recoveryFocus,
      counselorId: clients.primaryCounselorId,
      counselorName: users.name,
      tags: clients.tags,
      startDate: clients.startDate,
      lastContactAt: clients.lastContactAt,
      sortValue: sql<string | null>`(${expr})::text`,
    })
    .from(clients)
    .innerJoin(users, eq(users.id, clients.primaryCounselorId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

export interface RosterPage {
  rows: RosterRow[];
  total: number;
  page: PageInfo;
}

function keysetAfter(expr: SQL, cast: string, cursor: readonly unknown[], descending: boolean): SQL {
  const [value, id] = cursor;
  const comparison = descending ? sql`<` : sql`>`;
  return sql`(${expr}, ${clients.id}) ${comparison} (cast(${value} as ${sql.raw(cast)}), cast(${id} as uuid))`;
}

/**
 * One page of the roster, sorted, filtered and paged in SQL with keyset paging, so the 400th
 * page costs what the first does. Two queries: the page, then the total together with how
 * many rows come before the page (for "Showing 26–50 of 2,000").
 */
export async function listRoster(db: Db, actor: Actor, query: RosterQuery): Promise<RosterPage> {
  const { expr, cast } = sortExpressions[query.sort.id];
  const backwards = Boolean(query.cursor.before);
  // Walking backwards reads the rows before the cursor in reverse order, then flips them.
  const descending = query.sort.desc !== backwards;
  const filter = rosterConditions(actor, query.filters);
  const cursor = query.cursor.before ?? query.cursor.after;
  // A hand-edited URL can pair a cursor with another sort: such a cursor shows the first page.
  const validCursor =
    cursor && cursor.length === 2 && typeof cursor[1] === "string" && isUuid(cursor[1]) && cursorChecks[cast]!(cursor[0]);
  const where = validCursor ? and(filter, keysetAfter(expr, cast, cursor, descending))! : filter;
  const order = descending ? [desc(expr), desc(clients.id)] : [asc(expr), asc(clients.id)];

  const rows = await rosterRowsQuery(db, where, order, query.pageSize, query.sort.id);
  if (backwards) rows.reverse();

  const first = rows[0];
  // Rows before the first one shown, in the page's own order.
  const before = first ? sql`count(*) filter (where (${expr}, ${clients.id}) ${query.sort.desc ? sql`>` : sql`<`} (cast(${first.sortValue} as ${sql.raw(cast)}), cast(${first.id} as uuid)))` : sql`0`;
  // The counselor's name is needed only when sorting by it; otherwise count clients alone.
  const countQuery = db.select({ total: count(), before: sql<number>`${before}` }).from(clients);
  const [counts] = await (query.sort.id === "counselor"
    ? countQuery.innerJoin(users, eq(users.id, clients.primaryCounselorId)).where(filter)
    : countQuery.where(filter));
  const total = Number(counts?.total ?? 0);
  const from = rows.length ? Number(counts?.before ?? 0) + 1 : 0;
  const to = rows.length ? from + rows.length - 1 : 0;
  const last = rows.at(-1);
  return {
    total,
    page: {
      from,
      to,
      nextCursor: last && to < total ? encodeCursor([last.sortValue, last.id]) : null,
      prevCursor: first && from > 1 ? encodeCursor([first.sortValue, first.id]) : null,
    },
    rows: rows.map(({ sortValue: _sortValue, lastContactAt, ...row }) => ({
      ...row,
      lastContactAt: lastContactAt ? new Date(lastContactAt).toISOString() : null,
    })),
  };
}
