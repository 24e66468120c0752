import { and, count, eq, gt, max, min, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { THROTTLE } from "./policy";

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: "account" | "address" };

/**
 * Decides whether a sign-in may be tried now. Kept in the database so that every app instance
 * sees the same counts. Per email: after 5 failures within 15 minutes (since the last success)
 * each further try waits 1, 2, 4, 8, then 15 minutes after the latest failure. Per address: at
 * most 30 tries a minute whatever the email.
 */
export async function checkThrottle(db: Db, email: string, ip: string, now = new Date()): Promise<ThrottleVerdict> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const [account] = await db
    .select({
      failures: count(),
      lastFailure: max(signInAttempts.attemptedAt),
    })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, email),
        eq(signInAttempts.outcome, "failure"),
        gt(signInAttempts.attemptedAt, windowStart),
        sql`${signInAttempts.attemptedAt} > coalesce((select max(s.attempted_at) from sign_in_attempts s
              where s.email = ${email} and s.outcome = 'success'), '-infinity'::timestamptz)`,
      ),
    );
  const failures = Number(account?.failures ?? 0);
  if (failures >= THROTTLE.freeFailures && account?.lastFailure) {
    const lockMinutes = Math.min(2 ** (failures - THROTTLE.freeFailures), THROTTLE.maxLockMinutes);
    const until = new Date(account.lastFailure).getTime() + lockMinutes * 60_000;
    if (until > now.getTime()) {
      return { allowed: false, scope: "account", retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
    }
  }

  const minuteAgo = new Date(now.getTime() - 60_000);
  const [address] = await db
    .select({ tries: count(), oldest: min(signInAttempts.attemptedAt) })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, ip), gt(signInAttempts.attemptedAt, minuteAgo)));
  if (Number(address?.tries ?? 0) >= THROTTLE.perAddressPerMinute && address?.oldest) {
    const until = new Date(address.oldest).getTime() + 60_000;
    return { allowed: false, scope: "address", retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
  }
  return { allowed: true };
}

export async function recordAttempt(
  db: Db,
  attempt: { email: string; ip: string; outcome: "success" | "failure" | "throttled"; at?: Date },
): Promise<void> {
  await db.insert(signInAttempts).values({
    email: attempt.email,
    ip: attempt.ip,
    outcome: attempt.outcome,
    attemptedAt: attempt.at ?? new Date(),
  });
}

export function describeRetry(seconds: number): string {
  if (seconds <= 60) return "in a minute";
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}
