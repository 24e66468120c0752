import { sql } from "drizzle-orm";
import type { Actor } from "../../src/auth/actor";
import { rowsOf, type Db } from "../../src/db/client";
import { listRoster, type RosterQuery } from "../../src/clients/roster";
import { rosterTable } from "../../src/clients/roster-table";

export interface BenchPage {
  name: string;
  /** The empty page with this page's layout and session check (default: the app's, /bench-floor). */
  floorPath?: string;
  label: string;
  path: string;
  as: "counselor" | "director" | "admin";
  note?: string;
}

async function actorFor(db: Db, email: string): Promise<Actor> {
  const [u] = rowsOf<Actor>(await db.execute(sql`select id as "userId", organisation_id as "organisationId", role, name, email from users where lower(email) = ${email}`));
  if (!u) throw new Error(`No user ${email}: run npm run db:seed:large first (see the README's Performance section).`);
  return u;
}

/**
 * The roster URL of page `page` (1-based, 25 rows a page) under a sort and filters, or of the
 * last page when there are fewer: the cursor after row 25 × (page − 1), read in one call.
 */
async function rosterPath(db: Db, actor: Actor, query: Omit<RosterQuery, "cursor" | "pageSize">, page: number): Promise<{ path: string; reached: number; from: number }> {
  const base: RosterQuery = { ...query, pageSize: 25, cursor: {} };
  // Every matching row once (the page's own total may be an estimate).
  const all = await listRoster(db, actor, { ...base, pageSize: 1_000_000 });
  const reached = Math.max(1, Math.min(page, Math.ceil(all.rows.length / 25)));
  const cursor = reached > 1 ? (await listRoster(db, actor, { ...base, pageSize: 25 * (reached - 1) })).page.nextCursor : null;
  const params = rosterTable.toSearchParams({ ...rosterTable.defaults, sort: query.sort, filters: query.filters, cursor: cursor ? { after: cursor } : {} });
  const qs = params.toString();
  return { path: `/clients${qs ? `?${qs}` : ""}`, reached, from: 25 * (reached - 1) + 1 };
}

/**
 * Every data page of the budget, with the user it is measured as, on the large data set of `seed`
 * in `db` (either driver; with PGlite, close it before a server opens the same directory).
 */
export async function benchPages(db: Db, seed: string): Promise<BenchPage[]> {
  const director = await actorFor(db, `director.s${seed}@large.example`);
  const client = async (record: string) =>
    rowsOf<{ id: string; n: number }>(
      await db.execute(sql`
        select c.id, (select count(*)::int from checkin_administrations a where a.organisation_id = c.organisation_id and a.client_id = c.id) as n
        from clients c where c.organisation_id = ${director.organisationId} and c.record_number = ${record}`),
    )[0];
  const busiest = await client("L-100000");
  const typical = await client("L-100001");
  if (!busiest || !typical) throw new Error("The large data set lacks clients L-100000 and L-100001: reseed it.");
  const pages: BenchPage[] = [
    { name: "caseload", label: "caseload", path: "/caseload", as: "counselor" },
    { name: "caseload director", label: "caseload, director", path: "/caseload", as: "director" },
  ];
  const sorts: Array<[string, RosterQuery["sort"], RosterQuery["filters"]]> = [
    ["by name", { id: "name", desc: false }, {}],
    ["by start date, newest first", { id: "startDate", desc: true }, {}],
    ["active, trauma focus", { id: "name", desc: false }, { status: "active", focus: "trauma" }],
  ];
  // The busiest counselor's roster (220 clients), first and last page: the director's rows below see the whole organisation's half.
  const busiestCounselor = await actorFor(db, `counselor0.s${seed}@large.example`);
  const counselorDeep = await rosterPath(db, busiestCounselor, { sort: { id: "name", desc: false }, filters: {} }, 400);
  pages.push(
    { name: "roster counselor p1", label: "roster by name, busiest counselor, page 1", path: (await rosterPath(db, busiestCounselor, { sort: { id: "name", desc: false }, filters: {} }, 1)).path, as: "counselor" },
    { name: "roster counselor deep", label: `roster by name, busiest counselor, page ${counselorDeep.reached}`, path: counselorDeep.path, as: "counselor", note: `the last page (rows from ${counselorDeep.from})` },
  );
  for (const [label, sort, filters] of sorts) {
    pages.push({ name: `roster ${label} p1`, label: `roster ${label}, page 1`, path: (await rosterPath(db, director, { sort, filters }, 1)).path, as: "director" });
    const deep = await rosterPath(db, director, { sort, filters }, 400);
    pages.push({
      name: `roster ${label} deep`,
      label: `roster ${label}, page ${deep.reached}`,
      path: deep.path,
      as: "director",
      note: deep.reached < 400 ? `the filter leaves ${deep.reached} page${deep.reached === 1 ? "" : "s"}: its last page (rows from ${deep.from})` : undefined,
    });
  }
  pages.push(
    // A client's tabs are judged against the floor of their own layout (the client's header and tabs, its access check and audit).
    { name: "trends typical", label: `trends, typical client (${typical.n} check-ins)`, path: `/clients/${typical.id}/trends?range=all`, as: "counselor", floorPath: `/clients/${typical.id}/bench-floor` },
    { name: "trends busiest", label: `trends, busiest client (${busiest.n} check-ins)`, path: `/clients/${busiest.id}/trends?range=all`, as: "counselor", floorPath: `/clients/${busiest.id}/bench-floor` },
    { name: "notes", label: "notes list (busiest client)", path: `/clients/${busiest.id}/notes`, as: "counselor", floorPath: `/clients/${busiest.id}/bench-floor` },
    { name: "audit", label: "audit log, page 1", path: "/admin/audit", as: "admin" },
  );
  return pages;
}
