import { eq, sql } from "drizzle-orm";
import type { Actor } from "../src/auth/actor";
import { openDatabase, rowsOf } from "../src/db/client";
import { users } from "../src/db/schema";
import { decodeCursor } from "../src/components/data-table/table-state";
import { listRoster, type RosterQuery } from "../src/clients/roster";

// Times the roster queries on the large data set (npm run db:seed:large first):
// first page and 400th page under several sorts and filters, as the director (who sees about
// 10,000 clients) and as the busiest counselor, plus the plan of the deepest page.
const url = process.env.DATABASE_URL || undefined;
const handle = openDatabase(url ? { url } : { dataDir: process.env.ATTUNE_DATA_DIR ?? ".data-large/pglite" });
const db = handle.db;
const seed = process.env.SEED ?? "42";

async function actorFor(email: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`No user ${email}: run npm run db:seed:large first.`);
  return { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>, runs = 25) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

async function deepCursor(actor: Actor, base: RosterQuery, page: number) {
  let query = base;
  let result = await listRoster(db, actor, query);
  for (let i = 1; i < page && result.page.nextCursor; i++) {
    query = { ...base, cursor: { after: decodeCursor(result.page.nextCursor)! } };
    result = await listRoster(db, actor, query);
  }
  return { query, from: result.page.from, total: result.total };
}

const director = await actorFor(`director.s${seed}@large.example`);
const busiest = await actorFor(`counselor0.s${seed}@large.example`);
const cases: Array<[string, Actor, RosterQuery]> = [
  ["director, name", director, { sort: { id: "name", desc: false }, filters: {}, pageSize: 25, cursor: {} }],
  ["director, start date desc", director, { sort: { id: "startDate", desc: true }, filters: {}, pageSize: 25, cursor: {} }],
  ["director, last contact", director, { sort: { id: "lastContact", desc: false }, filters: {}, pageSize: 25, cursor: {} }],
  ["director, active + trauma", director, { sort: { id: "name", desc: false }, filters: { status: "active", focus: "trauma" }, pageSize: 25, cursor: {} }],
  ["director, search 'ortiz'", director, { sort: { id: "name", desc: false }, filters: { q: "ortiz" }, pageSize: 25, cursor: {} }],
  ["busiest counselor, name", busiest, { sort: { id: "name", desc: false }, filters: {}, pageSize: 25, cursor: {} }],
];

console.log(`Roster query times on ${url ? "PostgreSQL" : "PGlite"} (ms, median / p95 of 25 runs; two queries per page)`);
console.log("case".padEnd(30), "total".padStart(6), "page 1".padStart(16), "deep page".padStart(26));
for (const [label, actor, query] of cases) {
  const first = await time(() => listRoster(db, actor, query));
  const deep = await deepCursor(actor, query, 400);
  const deepTime = await time(() => listRoster(db, actor, deep.query));
  console.log(
    label.padEnd(30),
    String(deep.total).padStart(6),
    `${first.median.toFixed(2)} / ${first.p95.toFixed(2)}`.padStart(16),
    `rows ${deep.from}: ${deepTime.median.toFixed(2)} / ${deepTime.p95.toFixed(2)}`.padStart(26),
  );
}

const plan = await db.execute(sql`explain (analyze, costs off, timing off, summary on)
  select c.id from clients c join users u on u.id = c.primary_counselor_id
  where c.organisation_id = ${director.organisationId}
    and (c.primary_counselor_id = ${director.userId}
      or c.primary_counselor_id in (select id from users where supervisor_id = ${director.userId})
      or exists (select 1 from client_care_team t join users m on m.id = t.user_id where t.client_id = c.id and m.supervisor_id = ${director.userId}))
    and (lower(c.name), c.id) > ('m', '00000000-0000-0000-0000-000000000000'::uuid)
  order by lower(c.name), c.id limit 25`);
console.log("\nPlan of a deep page (director, by name):");
for (const row of rowsOf<Record<string, string>>(plan)) console.log("  " + Object.values(row)[0]);
await handle.close();
