import { eq } from "drizzle-orm";
import type { Actor } from "../src/auth/actor";
import { onQuery, openDatabase, rowsOf } from "../src/db/client";
import { users } from "../src/db/schema";
import { decodeCursor } from "../src/components/data-table/table-state";
import { listRoster, type RosterQuery } from "../src/clients/roster";
import { rosterFilterOptions } from "../src/clients/queries";
import { listCaseload } from "../src/outcomes/caseload";

// npm run bench:roster (PostgreSQL only: DATABASE_URL holding the large data set, npm run db:seed:large).
// The SQL of the roster (first and last page of every sort and of each filter, its filter options)
// and of the caseload, as the director (who sees the whole organisation's half) and as the busiest
// counselor: every statement a call sends, replayed alone as a prepared statement (as the server
// sends it), median of 20 runs after 6 (so the generic plan, when PostgreSQL picks one, is what is
// timed). --explain prints EXPLAIN (ANALYZE, BUFFERS) of every statement slower than 10 ms.
process.env.ATTUNE_QUERY_LOG ??= "1";
const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) throw new Error("DATABASE_URL must name the PostgreSQL database holding the large data set.");
const handle = openDatabase({ url, max: 1 });
if (handle.raw.driver !== "postgres") throw new Error("unreachable");
const raw = handle.raw.sql;
const db = handle.db;
const seed = process.env.SEED ?? "42";
const explain = process.argv.includes("--explain");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);

async function actorFor(email: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`No user ${email}: run npm run db:seed:large first.`);
  return { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
}

type Statement = { text: string; params: readonly unknown[] };
async function capture(fn: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const stop = onQuery((text, params) => seen.push({ text, params }));
  try {
    await fn();
  } finally {
    stop();
  }
  return seen;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function replay(statements: Statement[]): Promise<number[]> {
  const times: number[] = [];
  for (const s of statements) {
    const samples: number[] = [];
    for (let i = 0; i < 26; i++) {
      const t0 = performance.now();
      await raw.unsafe(s.text, s.params as never[], { prepare: true });
      if (i >= 6) samples.push(performance.now() - t0);
    }
    times.push(median(samples));
  }
  return times;
}

async function report(label: string, fn: () => Promise<unknown>) {
  if (only && !label.includes(only)) return;
  await fn();
  const statements = (await capture(fn)).filter((s) => !/^\s*(select|with)\s+1\b/i.test(s.text));
  const times = await replay(statements);
  const total = times.reduce((a, b) => a + b, 0);
  // Buffers touched: the work a statement does, whatever the machine's load.
  const buffers: number[] = [];
  for (const s of statements) {
    const [row] = await raw.unsafe(`explain (analyze, buffers, format json) ${s.text}`, s.params as never[]);
    const plan = (Object.values(row!)[0] as Array<{ Plan: Record<string, number> }>)[0]!.Plan;
    buffers.push((plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0));
  }
  console.log(`${label.padEnd(44)} ${String(statements.length).padStart(2)} stmts ${total.toFixed(2).padStart(8)} ms  [${times.map((t) => t.toFixed(2)).join(", ")}]  buffers [${buffers.join(", ")}]`);
  if (explain) {
    for (const [i, s] of statements.entries()) {
      if (times[i]! < 10) continue;
      const plan = await raw.unsafe(`explain (analyze, buffers) ${s.text}`, s.params as never[]);
      console.log(`  statement ${i + 1}: ${s.text.slice(0, 160).replace(/\s+/g, " ")}`);
      for (const row of plan) console.log(`    ${Object.values(row)[0]}`);
    }
  }
}

/** The query of the last page: the cursor after every row but the last page's. */
async function lastPage(actor: Actor, base: RosterQuery): Promise<RosterQuery> {
  const all = await listRoster(db, actor, { ...base, pageSize: 100_000 });
  const n = all.rows.length;
  if (n <= base.pageSize) return base;
  const keep = n - ((n - 1) % base.pageSize) - 1;
  const head = await listRoster(db, actor, { ...base, pageSize: keep });
  return { ...base, cursor: { after: decodeCursor(head.page.nextCursor!)! } };
}

const director = await actorFor(`director.s${seed}@large.example`);
const busiest = await actorFor(`counselor0.s${seed}@large.example`);
const sorts: RosterQuery["sort"][] = [
  { id: "name", desc: false },
  { id: "recordNumber", desc: false },
  { id: "status", desc: false },
  { id: "focus", desc: false },
  { id: "counselor", desc: false },
  { id: "tags", desc: false },
  { id: "startDate", desc: true },
  { id: "lastContact", desc: false },
];
const filters: Array<[string, RosterQuery["filters"]]> = [
  ["", {}],
  ["status=active", { status: "active" }],
  ["focus=trauma", { focus: "trauma" }],
  ["active+trauma", { status: "active", focus: "trauma" }],
  ["tag=grief", { tag: "grief" }],
  ["q=ortiz", { q: "ortiz" }],
];
console.log(`Roster and caseload SQL on ${new URL(url).pathname.slice(1)} (ms, median of 20 prepared runs per statement; buffers read by each)`);
for (const [who, actor] of [["director", director], ["busiest", busiest]] as const) {
  const counselorFilter = (await listRoster(db, actor, { sort: sorts[0]!, filters: {}, pageSize: 1, cursor: {} })).rows[0]?.counselorId;
  const cases: Array<[string, RosterQuery]> = [
    ...sorts.map((sort): [string, RosterQuery] => [`${sort.desc ? "-" : ""}${sort.id}`, { sort, filters: {}, pageSize: 25, cursor: {} }]),
    ...filters.slice(1).map(([name, f]): [string, RosterQuery] => [name, { sort: sorts[0]!, filters: f, pageSize: 25, cursor: {} }]),
    ["counselor=first", { sort: sorts[0]!, filters: { counselor: counselorFilter }, pageSize: 25, cursor: {} }],
  ];
  for (const [label, query] of cases) {
    await report(`roster ${who} ${label} first`, () => listRoster(db, actor, query));
    const last = await lastPage(actor, query);
    await report(`roster ${who} ${label} last`, () => listRoster(db, actor, last));
  }
  await report(`roster ${who} filter options`, () => rosterFilterOptions(db, actor));
  await report(`caseload ${who}`, () => listCaseload(db, actor, new Date()));
}
void rowsOf;
await handle.close();
