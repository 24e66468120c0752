import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, installDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/** `url`: the PostgreSQL database's own URL (for a second connection, such as the worker's); undefined on PGlite. */
export type TestDatabase = DatabaseHandle & { name: string; url?: string };

/**
 * A fresh, migrated database for one test file: PGlite in memory, or (in the "postgres" test
 * project) a new database on TEST_DATABASE_URL's server that is dropped again afterwards.
 * It is also installed as the process's database, so code under test finds it via getDb().
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const driver = process.env.ATTUNE_TEST_DRIVER === "postgres" ? "postgres" : "pglite";
  if (driver === "pglite") {
    const handle = openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    installDatabase(handle);
    return {
      ...handle,
      name: "memory",
      close: async () => {
        installDatabase(undefined);
        await handle.close();
      },
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is required for the postgres test project");
  const name = `attune_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), max: 4 });
  await migrateDatabase(handle);
  installDatabase(handle);
  return {
    ...handle,
    name,
    url: url.toString(),
    close: async () => {
      installDatabase(undefined);
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** The message of an error and of every cause behind it (drivers wrap the database's own error). */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && parts.length < 5) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(" <- ");
}

export async function rejection(promise: PromiseLike<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return errorText(error);
  }
  throw new Error("expected the database to refuse, but it accepted");
}
