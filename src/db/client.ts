import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver's database, or a transaction on it (a transaction is a database too). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  driver: DriverName;
  /** The driver's own client, for what Drizzle does not do (COPY in the large seed and the benchmark). */
  raw: RawClient;
  close(): Promise<void>;
}

export type RawClient = { driver: "postgres"; sql: postgres.Sql } | { driver: "pglite"; client: PGlite };

export interface OpenOptions {
  /** postgres://… selects postgres.js; absent selects PGlite. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  /** postgres.js pool size. */
  max?: number;
}

export function defaultDataDir(): string {
  return process.env.ATTUNE_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

export function openDatabase(options: OpenOptions = {}): DatabaseHandle {
  if (options.url) {
    const sql = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 60,
      // A request never waits on the database longer than this.
      connection: { statement_timeout: 15_000, application_name: "attune" },
    });
    return {
      db: drizzlePostgres(sql, { schema }) as unknown as Db,
      driver: "postgres",
      raw: { driver: "postgres", sql },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  if (!dataDir.startsWith("memory://")) {
    // PGlite's Node file system creates only the last directory level.
    mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  const client = new PGlite(dataDir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: "pglite",
    raw: { driver: "pglite", client },
    close: () => client.close(),
  };
}

type Cache = { handle?: DatabaseHandle };
const cache = globalThis as typeof globalThis & { __attuneDatabase?: Cache };

/**
 * The process's one database handle, opened on first use. Cached on globalThis because Next
 * evaluates a module once per bundle, and two PGlite instances on one directory lose writes.
 */
export function getDatabase(): DatabaseHandle {
  cache.__attuneDatabase ??= {};
  const slot = cache.__attuneDatabase;
  slot.handle ??= openDatabase({ url: process.env.DATABASE_URL || undefined });
  return slot.handle;
}

export function getDb(): Db {
  return getDatabase().db;
}

/** Tests and scripts install the handle they opened themselves. */
export function installDatabase(handle: DatabaseHandle | undefined): void {
  cache.__attuneDatabase ??= {};
  cache.__attuneDatabase.handle = handle;
}

/** The rows of a raw `execute` result: postgres.js returns an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
