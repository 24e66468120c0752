import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, PostgresJsSession } from "drizzle-orm/postgres-js";
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

type QueryListener = (text: string, params: readonly unknown[]) => void;
const listeners = globalThis as typeof globalThis & { __attuneQueryListeners?: Set<QueryListener> };

/**
 * With ATTUNE_QUERY_LOG set when a database is opened, every statement sent is reported: to the
 * listeners added here (tests count a page's queries), and when the variable names a file
 * (a path, not "1"), appended to it as a JSON line (the benchmark counts and replays them). Unset,
 * nothing is installed and the normal path is untouched.
 */
export function onQuery(listener: QueryListener): () => void {
  listeners.__attuneQueryListeners ??= new Set();
  listeners.__attuneQueryListeners.add(listener);
  return () => listeners.__attuneQueryListeners?.delete(listener);
}

function queryReporter(): QueryListener | undefined {
  const target = process.env.ATTUNE_QUERY_LOG;
  if (!target) return undefined;
  const file = target === "1" ? null : target;
  return (text, params) => {
    for (const listener of listeners.__attuneQueryListeners ?? []) listener(text, params);
    if (file) appendFileSync(file, JSON.stringify({ pid: process.pid, at: Date.now(), sql: text, params }) + "\n");
  };
}

/**
 * Every statement is sent as a prepared statement, kept per connection. Drizzle prepares only
 * the queries given a name (`.prepare("name")`), so each of our statements was parsed afresh,
 * and postgres.js, to learn its parameters' types, first sent it alone and waited for the
 * answer: a second round trip on every query with parameters (0.8 ms for a one-row lookup, 8 ms
 * for the trends tab's query, against 0.2 and 5 ms prepared). Prepared, the text is parsed once
 * per connection and PostgreSQL plans it as it always does for prepared statements (a custom
 * plan for the first five runs, then the generic plan only when it costs no more). Statements
 * without parameters (migrations, `set`) still go by the simple protocol. Applied to the
 * session class, so transactions, whose sessions Drizzle makes itself, are prepared too;
 * src/db/prepared.int.test.ts fails if a Drizzle upgrade undoes it.
 */
let preparing = false;
function prepareEveryStatement(): void {
  if (preparing) return;
  preparing = true;
  const session = PostgresJsSession.prototype;
  const prepareQuery = session.prepareQuery;
  session.prepareQuery = function (this: typeof session, ...args: Parameters<typeof prepareQuery>) {
    // Drizzle prepares when a name is given (any name: postgres.js names statements itself).
    args[2] ??= "";
    return prepareQuery.apply(this, args);
  } as typeof prepareQuery;
}

export function openDatabase(options: OpenOptions = {}): DatabaseHandle {
  const report = queryReporter();
  if (options.url) {
    prepareEveryStatement();
    const sql = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 60,
      // A request never waits on the database longer than this. No JIT compilation: the caseload's
      // lateral joins are estimated above jit_above_cost, and compiling them took 5.7 s for a
      // director's empty caseload whose execution takes 3 ms (PGlite has no JIT).
      connection: { statement_timeout: 15_000, application_name: "attune", jit: "off" },
      ...(report ? { debug: (_connection: number, text: string, params: unknown[]) => report(text, params) } : {}),
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
  if (report) {
    const query = client.query.bind(client);
    client.query = ((text: string, params?: unknown[], opts?: object) => {
      report(text, params ?? []);
      return query(text, params, opts);
    }) as typeof client.query;
  }
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

/** The handle if this process has opened it already, without opening it (for the test probe). */
export function openedDatabase(): DatabaseHandle | null {
  return cache.__attuneDatabase?.handle ?? null;
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
