import { and, count, eq, gt, max, min, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { limiterEvents } from "@/db/schema";

/**
 * Every rate limit in Attune, in one place, over one ledger (`limiter_events`), so that every app
 * instance counts the same. Ours rather than a library's: the sign-in limit is a back-off counted
 * since the last success, which a plain token bucket cannot express, and the ledger must work on
 * PGlite as well as PostgreSQL (rate-limiter-flexible's PostgreSQL store needs a `pg` pool).
 */
export const LIMITS = {
  /** Failed sign-ins per email since the last success: after `free` within the window, each further try waits 1, 2, 4, 8, then 15 minutes after the latest failure. */
  signInAccount: { kind: "sign-in", windowSeconds: 15 * 60, free: 5, maxLockSeconds: 15 * 60 },
  /** Sign-in tries per address, whatever the email. */
  signInAddress: { kind: "sign-in", windowSeconds: 60, max: 30 },
  /** Failed private-link lookups per address (portal links, invitations, password resets): each is a guess at a token. */
  linkGuess: { kind: "link-guess", windowSeconds: 60, max: 20 },
  /** Exports (PDF, CSV, FHIR) per person. */
  export: { kind: "export", windowSeconds: 10 * 60, max: 30 },
} as const;

export type LimiterKind = (typeof LIMITS)[keyof typeof LIMITS]["kind"];

export interface WindowLimit {
  kind: LimiterKind;
  windowSeconds: number;
  max: number;
}

export interface Usage {
  count: number;
  oldest: Date | null;
  latest: Date | null;
}

/** Writes one event to the ledger. */
export async function recordLimiterEvent(db: Db, event: { kind: LimiterKind; key?: string; ip?: string; outcome?: string | null; at?: Date }): Promise<void> {
  await db.insert(limiterEvents).values({ kind: event.kind, key: event.key ?? "", ip: event.ip ?? "", outcome: event.outcome ?? null, at: event.at ?? new Date() });
}

/**
 * How many events of a kind fall in the window ending now, per key or per address, optionally only
 * those with one outcome, or only those after the latest event with another outcome.
 */
export async function limiterUsage(
  db: Db,
  kind: LimiterKind,
  by: { key: string } | { ip: string },
  windowSeconds: number,
  options: { now?: Date; outcome?: string; afterLatest?: string } = {},
): Promise<Usage> {
  const now = options.now ?? new Date();
  const subject = "key" in by ? eq(limiterEvents.key, by.key) : eq(limiterEvents.ip, by.ip);
  const conditions: SQL[] = [eq(limiterEvents.kind, kind), subject, gt(limiterEvents.at, new Date(now.getTime() - windowSeconds * 1000))];
  if (options.outcome) conditions.push(eq(limiterEvents.outcome, options.outcome));
  if (options.afterLatest && "key" in by) {
    conditions.push(sql`${limiterEvents.at} > coalesce((select max(l.at) from limiter_events l
      where l.kind = ${kind} and l.key = ${by.key} and l.outcome = ${options.afterLatest}), '-infinity'::timestamptz)`);
  }
  const [row] = await db
    .select({ n: count(), oldest: min(limiterEvents.at), latest: max(limiterEvents.at) })
    .from(limiterEvents)
    .where(and(...conditions));
  const date = (value: Date | string | null | undefined) => (value ? new Date(value) : null);
  return { count: Number(row?.n ?? 0), oldest: date(row?.oldest), latest: date(row?.latest) };
}

/** Seconds until a window limit lets one more through, or null when it does now. */
export function windowWait(limit: Pick<WindowLimit, "windowSeconds" | "max">, usage: Usage, now = new Date()): number | null {
  if (usage.count < limit.max || !usage.oldest) return null;
  const until = usage.oldest.getTime() + limit.windowSeconds * 1000;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** Seconds of back-off left after `free` failures (doubling from a minute, at most maxLockSeconds), or null. */
export function backoffWait(limit: { free: number; maxLockSeconds: number }, failures: Usage, now = new Date()): number | null {
  if (failures.count < limit.free || !failures.latest) return null;
  const lockSeconds = Math.min(2 ** (failures.count - limit.free) * 60, limit.maxLockSeconds);
  const until = failures.latest.getTime() + lockSeconds * 1000;
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

/**
 * Takes one slot of a window limit for a key, or says how long to wait. Run inside the
 * transaction that does the limited thing: a per-key advisory lock makes two parallel requests
 * queue, so they cannot both take the last slot, and the slot goes if the transaction rolls back.
 */
export async function takeSlot(tx: Db, limit: WindowLimit, key: string, now = new Date()): Promise<number | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`limiter:${limit.kind}:${key}`}, 0))`);
  const wait = windowWait(limit, await limiterUsage(tx, limit.kind, { key }, limit.windowSeconds, { now }), now);
  if (wait !== null) return wait;
  await recordLimiterEvent(tx, { kind: limit.kind, key, at: now });
  return null;
}
