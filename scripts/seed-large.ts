import { parseArgs } from "node:util";
import { openDatabase, rowsOf } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedLargeDataset } from "../src/db/seed/large";

// npm run db:seed:large [-- --seed 42 --scale 1 --clients 20000 --counselors 200]
// Into DATABASE_URL (PostgreSQL), or else a scratch PGlite directory (.data-large/pglite).
// --scale multiplies clients and counselors (every per-client volume stays the same); PGlite
// defaults to 0.1 (2,000 clients), because it keeps the data set in one process's memory.
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "42" },
    scale: { type: "string" },
    clients: { type: "string" },
    counselors: { type: "string" },
    "audit-per-client": { type: "string", default: "250" },
    today: { type: "string" },
  },
});
const url = process.env.DATABASE_URL || undefined;
const scale = Number(values.scale ?? (url ? 1 : 0.1));
const clients = Number(values.clients ?? Math.round(20_000 * scale));
const counselors = Number(values.counselors ?? Math.max(10, Math.round(200 * scale)));
const dataDir = process.env.ATTUNE_DATA_DIR ?? ".data-large/pglite";
const handle = openDatabase(url ? { url, max: 1 } : { dataDir });
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
try {
  console.log(`Large data set, seed ${values.seed}: ${clients} clients, ${counselors} counselors into ${url ? "PostgreSQL" : `PGlite (${dataDir})`}`);
  await migrateDatabase(handle);
  const result = await seedLargeDataset(handle, {
    seed: Number(values.seed),
    clients,
    counselors,
    auditPerClient: Number(values["audit-per-client"]),
    today: values.today,
    onProgress: (m) => console.log(`  ${elapsed()}: ${m}`),
  });
  const size = rowsOf<{ size: string }>(
    handle.raw.driver === "postgres"
      ? await handle.raw.sql`select pg_size_pretty(pg_database_size(current_database())) as size`
      : await handle.raw.client.query(`select pg_size_pretty(pg_database_size(current_database())) as size`),
  )[0];
  console.log(`Seeded in ${elapsed()} into ${url ? "PostgreSQL" : `PGlite (${dataDir})`}; database size ${size?.size}.`);
  console.log(`Sign in with ${result.directorEmail}, ${result.busiestCounselorEmail} or ${result.adminEmail} (password attune-large-data).`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await handle.close();
}
