// The PGlite-versus-PostgreSQL part of npm run bench, run by scripts/bench/pglite.ts with
// --conditions react-server and ATTUNE_QUERY_LOG=1: seeds the same small data set into both,
// captures the SQL of the caseload and the trends tab, and times each statement on each.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Actor } from "../../src/auth/actor";
import { onQuery, openDatabase, rowsOf, type DatabaseHandle } from "../../src/db/client";
import { migrateDatabase } from "../../src/db/migrate";
import { seedLargeDataset } from "../../src/db/seed/large";
import { listCaseload } from "../../src/outcomes/caseload";
import { clientTrends } from "../../src/outcomes/trends";
import { percentile } from "./measure";
import { root } from "../lib";

const [url, seedArg] = process.argv.slice(2);
const seed = Number(seedArg ?? 42);
const RUNS = 20;
const options = { seed, clients: 1000, counselors: 20, auditPerClient: 5, secondOrgClients: 0 };

async function measure(handle: DatabaseHandle) {
  await migrateDatabase(handle);
  const seeded = await seedLargeDataset(handle, options);
  const [actor] = rowsOf<Actor>(
    await handle.db.execute(sql`select id as "userId", organisation_id as "organisationId", role, name, email from users where email = ${seeded.busiestCounselorEmail}`),
  );
  const now = new Date();
  const work = {
    caseload: () => listCaseload(handle.db, actor!, now),
    "trends, busiest client (all time)": () => clientTrends(handle.db, actor!, { id: seeded.busiestClientId, timeZone: "America/New_York" }, "all", now),
    "trends, typical client (all time)": () => clientTrends(handle.db, actor!, { id: seeded.typicalClientId, timeZone: "America/New_York" }, "all", now),
  };
  const out: Record<string, number> = {};
  for (const [name, fn] of Object.entries(work)) {
    await fn();
    const statements: { text: string; params: readonly unknown[] }[] = [];
    const stop = onQuery((text, params) => statements.push({ text, params }));
    await fn();
    stop();
    const raw = handle.raw;
    const exec = (text: string, params: readonly unknown[]) =>
      raw.driver === "postgres" ? raw.sql.unsafe(text, params as never[], { prepare: true }) : raw.client.query(text, params as unknown[]);
    const sums: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      let sum = 0;
      for (const s of statements) {
        const t0 = performance.now();
        await exec(s.text, s.params);
        sum += performance.now() - t0;
      }
      if (i >= 3) sums.push(sum);
    }
    out[name] = percentile(sums, 0.5);
  }
  return out;
}

const postgresTimes = await (async () => {
  const handle = openDatabase({ url, max: 1 });
  try {
    return await measure(handle);
  } finally {
    await handle.close();
  }
})();
const pgliteTimes = await (async () => {
  const handle = openDatabase({ dataDir: "memory://" });
  try {
    return await measure(handle);
  } finally {
    await handle.close();
  }
})();
const version = (JSON.parse(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }).version;
console.log(
  JSON.stringify({
    pgliteVersion: version,
    dataset: `seed ${seed} at ${options.clients} clients (${options.counselors} counselors), the same rows in both`,
    runs: RUNS,
    queries: Object.keys(postgresTimes).map((name) => ({ name, postgresMs: postgresTimes[name]!, pgliteMs: pgliteTimes[name]! })),
  }),
);
