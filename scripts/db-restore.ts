import { existsSync } from "node:fs";
import path from "node:path";
import { RestoreRefused } from "../src/db/backup";
import { openDatabase } from "../src/db/client";
import { restoreDatabase } from "../src/db/restore";
import { describeDatabase } from "./lib";

// npm run db:restore -- <file>: restores a backup made by `npm run db:backup` into an empty
// database: the embedded one in ATTUNE_DATA_DIR (default .data/pglite; move the old one away
// first), or DATABASE_URL (a new, empty database). Every table's row count and checksum are
// compared with the backup's before anything is committed.
const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error("Usage: npm run db:restore -- <backup file made by npm run db:backup>");
  process.exit(2);
}
const handle = openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  const started = Date.now();
  const header = await restoreDatabase(handle, path.resolve(file));
  const rows = header.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Restored ${rows} rows in ${header.tables.length} tables into ${describeDatabase()} in ${Date.now() - started} ms; every table's count and checksum match the backup.`);
  console.log("The sessions and TOTP secrets in it need the same AUTH_SECRET as the installation the backup came from.");
} catch (error) {
  if (error instanceof RestoreRefused) {
    console.error(`Not restored: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await handle.close();
}
