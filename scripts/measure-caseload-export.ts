/**
 * Peak memory of the team caseload CSV export at several row counts, each in a fresh child
 * process, on the large synthetic data set (npm run db:seed:large into DATABASE_URL):
 *
 *   DATABASE_URL=postgres://…/attune_reports_large npx tsx --conditions react-server scripts/measure-caseload-export.ts
 *
 * For each size it adds (once) a supervisor who is on the care team of that many clients, then
 * streams the export through the same generator and stream the route uses and reports rows,
 * time and the child's peak RSS. Flat memory means the peak does not grow with the rows.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { openDatabase, installDatabase, rowsOf } from "../src/db/client";
import { organisations, users } from "../src/db/schema";

const { values } = parseArgs({ options: { child: { type: "string" }, sizes: { type: "string", default: "1000,20000" } } });
const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL to the large data set (see the comment at the top).");
const handle = openDatabase({ url, max: 2 });
installDatabase(handle);
const db = handle.db;

async function benchSupervisor(size: number) {
  const email = `export-bench-${size}@large.example`;
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(sql`${organisations.name} like 'Large synthetic organisation%'`).limit(1);
  if (!org) throw new Error("No large organisation in this database: run npm run db:seed:large first.");
  let [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) {
    [user] = await db.insert(users).values({ organisationId: org.id, email, name: `Export bench ${size}`, role: "supervisor" }).returning();
    await db.execute(sql`insert into client_care_team (organisation_id, client_id, user_id)
      select ${org.id}, id, ${user!.id} from clients where organisation_id = ${org.id} order by id limit ${size} on conflict do nothing`);
  }
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from client_care_team where user_id = ${user!.id}`)) as [{ n: number }];
  return { actor: { userId: user!.id, organisationId: user!.organisationId, role: user!.role, name: user!.name, email: user!.email }, members: Number(n) };
}

if (values.child) {
  const { streamLines } = await import("../src/lib/csv");
  const { caseloadCsvLines } = await import("../src/reports/caseload-csv");
  const { actor } = await benchSupervisor(Number(values.child));
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  // The route's own body: the same generator behind the same stream (the route adds one audit row first).
  const reader = streamLines(caseloadCsvLines(db, actor)).getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (const b of value) if (b === 10) lines++;
  }
  clearInterval(sampler);
  const ms = performance.now() - started;
  console.log(JSON.stringify({ rows: lines - 1, bytes, ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), peakHeapMB: Math.round(peakHeap / 1048576) }));
  await handle.close();
} else {
  const sizes = values.sizes!.split(",").map(Number);
  for (const size of sizes) await benchSupervisor(size);
  await handle.close();
  for (const size of sizes) {
    const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", String(size)], { encoding: "utf8", env: process.env });
    if (run.status !== 0) throw new Error(run.stderr);
    console.log(`${size} clients: ${run.stdout.trim()}`);
  }
}
