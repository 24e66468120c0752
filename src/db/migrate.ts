import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { DatabaseHandle, Schema } from "./client";

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/** Applies the committed migrations in drizzle/ the same way to either driver. */
export async function migrateDatabase(handle: DatabaseHandle, folder = migrationsFolder): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, { migrationsFolder: folder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase<Schema>, { migrationsFolder: folder });
  }
}

/**
 * Applies the committed migrations up to and including the one written at `lastWhen` (its
 * journal time), no further: a restore first rebuilds the schema its backup was taken at.
 */
export async function migrateToLevel(handle: DatabaseHandle, lastWhen: number): Promise<void> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
  const entries = journal.entries.filter((e) => e.when <= lastWhen);
  const dir = mkdtempSync(path.join(os.tmpdir(), "attune-migrations-"));
  try {
    mkdirSync(path.join(dir, "meta"));
    writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
    for (const e of entries) copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    await migrateDatabase(handle, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
