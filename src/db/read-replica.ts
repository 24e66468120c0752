import { openDatabase, type DatabaseHandle, type Db } from "./client";

/**
 * Lag-tolerant reads (exports, team outcomes) may go to a streaming replica, DATABASE_READ_URL,
 * but never show a person less than they have just written. After each of their writes the app
 * keeps the primary's WAL position in a cookie (src/db/read-request.ts); a later read goes to the
 * replica only once the replica has replayed up to that position, and to the primary until then.
 * Without DATABASE_READ_URL, or when the replica does not answer, everything reads the primary.
 */
const cache = globalThis as typeof globalThis & { __attuneReadReplica?: { handle: DatabaseHandle | null } };

export function getReadReplica(): DatabaseHandle | null {
  const url = process.env.DATABASE_READ_URL;
  if (!url) return null;
  cache.__attuneReadReplica ??= { handle: openDatabase({ url, max: 5 }) };
  return cache.__attuneReadReplica.handle;
}

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

export function isLsn(value: string | undefined): value is string {
  return typeof value === "string" && LSN.test(value);
}

/** The primary's current WAL position: what a replica must have replayed to show this write. */
export async function primaryPosition(handle: DatabaseHandle): Promise<string> {
  if (handle.raw.driver !== "postgres") return "0/0";
  const [row] = await handle.raw.sql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
  return row!.lsn;
}

export type ReadSource = "primary" | "replica";

/**
 * The database for a lag-tolerant read: the replica, unless the reader wrote something the
 * replica has not replayed yet (or the replica cannot say), then the primary.
 */
export async function chooseReadDatabase(primary: Db, replica: DatabaseHandle | null, wrote: string | undefined): Promise<{ db: Db; source: ReadSource }> {
  if (!replica || replica.raw.driver !== "postgres") return { db: primary, source: "primary" };
  try {
    // One short query, which also finds a replica that is down before the real reads fail on it.
    const [row] = isLsn(wrote)
      ? await replica.raw.sql<{ caughtUp: boolean | null }[]>`select pg_last_wal_replay_lsn() >= ${wrote}::pg_lsn as "caughtUp"`
      : await replica.raw.sql<{ caughtUp: boolean | null }[]>`select true as "caughtUp"`;
    return row?.caughtUp === true ? { db: replica.db, source: "replica" } : { db: primary, source: "primary" };
  } catch {
    return { db: primary, source: "primary" };
  }
}
