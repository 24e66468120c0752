import type { Db } from "@/db/client";
import { backoffWait, LIMITS, limiterUsage, recordLimiterEvent, windowWait } from "@/lib/limiter";
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: "account" | "address" };

/**
 * Decides whether a sign-in may be tried now, from the one limiter ledger (src/lib/limiter.ts):
 * per email the back-off of LIMITS.signInAccount, per address the ceiling of
 * LIMITS.signInAddress, whatever the email.
 */
export async function checkThrottle(db: Db, email: string, ip: string, now = new Date()): Promise<ThrottleVerdict> {
  const account = LIMITS.signInAccount;
  const failures = await limiterUsage(db, account.kind, { key: email }, account.windowSeconds, { now, outcome: "failure", afterLatest: "success" });
  const accountWait = backoffWait(account, failures, now);
  if (accountWait !== null) return { allowed: false, scope: "account", retryAfterSeconds: accountWait };
  const address = LIMITS.signInAddress;
  const addressWait = windowWait(address, await limiterUsage(db, address.kind, { ip }, address.windowSeconds, { now }), now);
  if (addressWait !== null) return { allowed: false, scope: "address", retryAfterSeconds: addressWait };
  return { allowed: true };
}

export async function recordAttempt(
  db: Db,
  attempt: { email: string; ip: string; outcome: "success" | "failure" | "throttled"; at?: Date },
): Promise<void> {
  await recordLimiterEvent(db, { kind: LIMITS.signInAccount.kind, key: attempt.email, ip: attempt.ip, outcome: attempt.outcome, at: attempt.at });
}

export function describeRetry(seconds: number): string {
  if (seconds <= 60) return ae("inAMinute");
  const minutes = Math.ceil(seconds / 60);
  return ae("inMinutes", { minutes: String(minutes) });
}
