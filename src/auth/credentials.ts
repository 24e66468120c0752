import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/audit/record";
import type { Db } from "@/db/client";
import { users, type UserRole } from "@/db/schema";
import { verifyPassword } from "./passwords";
import { consumeSecondFactor, type SecondFactor } from "./two-factor";
import { checkThrottle, recordAttempt } from "./throttle";
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email(ae("enterInvitedEmail"))).pipe(z.string().max(254)),
  password: z.string().min(1, ae("enterPassword")).max(1024, ae("passwordTooLong")),
  // The second step of a two-factor sign-in: a TOTP code or a recovery code.
  code: z.string().trim().max(64).optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

export interface SessionUser {
  id: string;
  organisationId: string;
  name: string;
  email: string;
  role: UserRole;
  sessionVersion: number;
}

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  /** Two-factor is on for this account: ask for a code, whether or not the password was right. */
  | { ok: false; reason: "second_factor" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/**
 * Checks an email and password. Unknown email, wrong password and deactivated account give the
 * same answer after the same work (one argon2 verification), so accounts cannot be discovered.
 *
 * With two-factor on, the first step (no code) answers "second_factor" whether or not the
 * password was right, so the password cannot be tested without also knowing a code; the second
 * step checks the password again with the code and says only whether both were right. Every
 * wrong password or code counts as a failure for the throttle.
 */
export async function verifyCredentials(db: Db, input: SignInInput, meta: RequestMeta, now = new Date()): Promise<SignInResult> {
  const email = input.email;
  const [user] = await db
    .select({
      id: users.id,
      organisationId: users.organisationId,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      twoFactor: sql<boolean>`${users.totpEnabledAt} is not null`,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);

  const throttle = await checkThrottle(db, email, meta.ip, now);
  if (!throttle.allowed) {
    await recordAttempt(db, { email, ip: meta.ip, outcome: "throttled", at: now });
    if (user) {
      await recordAudit(db, {
        organisationId: user.organisationId,
        actorKind: "anonymous",
        actorUserId: user.id,
        action: "auth.sign_in_throttled",
        entityType: "user",
        entityId: user.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        detail: { scope: throttle.scope, retryAfterSeconds: throttle.retryAfterSeconds },
      });
    }
    return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  }

  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  const code = input.code || undefined;
  const askForCode = Boolean(user && user.status === "active" && user.twoFactor && !code);
  // A right password alone is not a sign-in yet, and nothing is recorded for it.
  if (askForCode && passwordOk) return { ok: false, reason: "second_factor" };
  let secondFactor: SecondFactor | null = null;
  const ok = await db.transaction(async (tx) => {
    let success = Boolean(user && passwordOk && user.status === "active" && !askForCode);
    if (success && user?.twoFactor) {
      secondFactor = await consumeSecondFactor(tx, user.id, code ?? "", now);
      success = secondFactor !== null;
    }
    await recordAttempt(tx, { email, ip: meta.ip, outcome: success ? "success" : "failure", at: now });
    if (!user) return success;
    if (success) await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
    const reason = user.status !== "active" ? "deactivated" : !passwordOk ? "wrong_password" : "wrong_code";
    await recordAudit(tx, {
      organisationId: user.organisationId,
      actorKind: success ? "user" : "anonymous",
      actorUserId: user.id,
      action: success ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "user",
      entityId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      detail: success ? (secondFactor ? { secondFactor } : null) : { reason },
    });
    return success;
  });
  if (askForCode) return { ok: false, reason: "second_factor" };
  if (!ok || !user) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    user: {
      id: user.id,
      organisationId: user.organisationId,
      name: user.name,
      email: user.email,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}
