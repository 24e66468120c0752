import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * How long the rows that only serve a short window are kept. The limiters look back 15 minutes
 * (sign-in) and one minute (private links); an idempotency key guards against a double tap or a
 * retry, seconds to minutes apart. Sign-ins and their failures stay in the audit log for good.
 */
export const RETENTION_DAYS = { signInAttempts: 2, portalAttempts: 2, idempotencyKeys: 7 } as const;

/** At most this many rows of each table per run, so one run is always short. */
export const PRUNE_BATCH = 1000;

export type Pruned = { signInAttempts: number; portalAttempts: number; idempotencyKeys: number };

const countOf = (result: unknown): number =>
  Array.isArray(result) ? result.length : (((result as { rows?: unknown[] }).rows ?? []).length);

/**
 * Deletes up to `batch` rows of each table that are older than their retention. Until the job
 * queue exists it runs after sign-ins (pruneIfDue); a scheduled job can call it as it is.
 */
export async function pruneExpiredRows(db: Db, now = new Date(), batch = PRUNE_BATCH): Promise<Pruned> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const signIn = await db.execute(sql`
    delete from sign_in_attempts where id in (
      select id from sign_in_attempts where attempted_at < ${before(RETENTION_DAYS.signInAttempts)}::timestamptz order by id limit ${batch})
    returning 1`);
  const portal = await db.execute(sql`
    delete from portal_attempts where id in (
      select id from portal_attempts where attempted_at < ${before(RETENTION_DAYS.portalAttempts)}::timestamptz limit ${batch})
    returning 1`);
  const keys = await db.execute(sql`
    delete from idempotency_keys where (organisation_id, key) in (
      select organisation_id, key from idempotency_keys where created_at < ${before(RETENTION_DAYS.idempotencyKeys)}::timestamptz limit ${batch})
    returning 1`);
  return { signInAttempts: countOf(signIn), portalAttempts: countOf(portal), idempotencyKeys: countOf(keys) };
}

const PRUNE_EVERY_MS = 10 * 60_000;
const state = globalThis as typeof globalThis & { __attunePrunedAt?: number };

/**
 * Runs pruneExpiredRows at most every ten minutes per process, in the background: it never
 * delays or fails the request that triggered it.
 */
export function pruneIfDue(db: Db, now = Date.now()): void {
  if (state.__attunePrunedAt !== undefined && now - state.__attunePrunedAt < PRUNE_EVERY_MS) return;
  state.__attunePrunedAt = now;
  pruneExpiredRows(db).catch((error: unknown) => console.error("pruning old limiter and idempotency rows failed:", error));
}
