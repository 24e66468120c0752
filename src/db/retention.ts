import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * How long the rows that only serve a short window are kept. The limiters look back at most 15
 * minutes (src/lib/limiter.ts); an idempotency key guards against a double tap or a retry,
 * seconds to minutes apart. Sign-ins, their failures and exports stay in the audit log for good.
 */
export const RETENTION_DAYS = { limiterEvents: 2, idempotencyKeys: 7 } as const;

/** At most this many rows of each table per statement, so no statement holds locks for long. */
export const PRUNE_BATCH = 1000;

export type Pruned = { limiterEvents: number; idempotencyKeys: number };

const countOf = (result: unknown): number =>
  Array.isArray(result) ? result.length : (((result as { rows?: unknown[] }).rows ?? []).length);

/** Deletes up to `batch` rows of each table that are older than their retention. */
export async function pruneExpiredRows(db: Db, now = new Date(), batch = PRUNE_BATCH): Promise<Pruned> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const limiter = await db.execute(sql`
    delete from limiter_events where id in (
      select id from limiter_events where at < ${before(RETENTION_DAYS.limiterEvents)}::timestamptz order by id limit ${batch})
    returning 1`);
  const keys = await db.execute(sql`
    delete from idempotency_keys where (organisation_id, key) in (
      select organisation_id, key from idempotency_keys where created_at < ${before(RETENTION_DAYS.idempotencyKeys)}::timestamptz limit ${batch})
    returning 1`);
  return { limiterEvents: countOf(limiter), idempotencyKeys: countOf(keys) };
}

/**
 * The scheduled job's whole run (RETENTION_QUEUE, hourly): batches until nothing old is left, or
 * `maxBatches` have run (the next hour goes on from there).
 */
export async function pruneAllExpired(db: Db, now = new Date(), maxBatches = 100, batch = PRUNE_BATCH): Promise<Pruned> {
  const total: Pruned = { limiterEvents: 0, idempotencyKeys: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const pruned = await pruneExpiredRows(db, now, batch);
    total.limiterEvents += pruned.limiterEvents;
    total.idempotencyKeys += pruned.idempotencyKeys;
    if (pruned.limiterEvents < batch && pruned.idempotencyKeys < batch) break;
  }
  return total;
}
