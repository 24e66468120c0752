import { mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "../src/db/backup";
import { openDatabase } from "../src/db/client";
import { describeDatabase } from "./lib";

// npm run db:backup [-- --out file]: a logical backup of the embedded database or DATABASE_URL
// (see src/db/backup.ts). With the embedded database, stop the app first: one process per
// PGlite directory.
const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+$/, "").replace("T", "-");
const file = path.resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : path.join("backups", `attune-${stamp}.jsonl.gz`));
mkdirSync(path.dirname(file), { recursive: true });

const handle = openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  const started = Date.now();
  const header = await backupDatabase(handle.db, file);
  const rows = header.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Backed up ${describeDatabase()}: ${header.tables.length} tables, ${rows} rows, migration level ${header.migrations.count}, in ${Date.now() - started} ms.`);
  console.log(`Wrote ${file}. It holds clinical records: keep it encrypted and access-controlled, like the database itself.`);
} finally {
  await handle.close();
}
