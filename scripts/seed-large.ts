import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedLargeOrganisation } from "../src/db/seed/large";

// npm run db:seed:large [-- --seed 42 --clients 20000 --counselors 200]
// Into DATABASE_URL (PostgreSQL), or else a scratch PGlite directory (.data-large/pglite).
const { values } = parseArgs({
  options: { seed: { type: "string", default: "42" }, clients: { type: "string", default: "20000" }, counselors: { type: "string", default: "200" } },
});
const url = process.env.DATABASE_URL || undefined;
const handle = openDatabase(url ? { url } : { dataDir: process.env.ATTUNE_DATA_DIR ?? ".data-large/pglite" });
const started = Date.now();
try {
  await migrateDatabase(handle);
  const result = await seedLargeOrganisation(handle.db, {
    seed: Number(values.seed),
    clients: Number(values.clients),
    counselors: Number(values.counselors),
    onProgress: (m) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${m}`),
  });
  const [size] = rowsOf<{ size: string }>(await handle.db.execute(sql`select pg_size_pretty(pg_database_size(current_database())) as size`));
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s into ${url ? "PostgreSQL" : "PGlite (.data-large)"}; database size ${size?.size}.`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await handle.close();
}
