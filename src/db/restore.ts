import { sql } from "drizzle-orm";
import { readBackup, restoreRows, RestoreRefused, type BackupHeader } from "./backup";
import { rowsOf, type DatabaseHandle } from "./client";
import { migrateDatabase, migrateToLevel } from "./migrate";

async function appliedMigrations(handle: DatabaseHandle): Promise<number> {
  const [exists] = rowsOf<{ t: string | null }>(await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`));
  if (!exists?.t) return 0;
  const [row] = rowsOf<{ n: number | string }>(await handle.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`));
  return Number(row?.n ?? 0);
}

/**
 * Restores a backup file into an empty database: migrates it to the backup's level (or finds it
 * there), inserts every row in one transaction that checks each table's count and checksum, then
 * applies any migrations newer than the backup.
 */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<BackupHeader> {
  const { header, rows } = await readBackup(file);
  if ((await appliedMigrations(handle)) > header.migrations.count) {
    throw new RestoreRefused("The database has newer migrations than the backup: restore into a new, empty database.");
  }
  await migrateToLevel(handle, header.migrations.last);
  if ((await appliedMigrations(handle)) !== header.migrations.count) {
    throw new RestoreRefused("This version of Attune does not have the migrations the backup was made with: restore with the version that made it.");
  }
  await restoreRows(handle.db, header, rows);
  await migrateDatabase(handle);
  return header;
}
