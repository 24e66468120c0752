import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/audit/record";
import type { Db } from "@/db/client";
import { users, type UserRole } from "@/db/schema";
import { verifyPassword } from "./passwords";
import { checkThrottle, recordAttempt } from "./throttle";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter the email address you were invited with.")).pipe(z.string().max(254)),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
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
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/**
 * Checks an email and password. Unknown email, wrong password and deactivated account give the
 * same answer after the same work (one argon2 verification), so accounts cannot be discovered.
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
  const ok = Boolean(user && passwordOk && user.status === "active");
  await db.transaction(async (tx) => {
    await recordAttempt(tx, { email, ip: meta.ip, outcome: ok ? "success" : "failure", at: now });
    if (!user) return;
    if (ok) await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      organisationId: user.organisationId,
      actorKind: ok ? "user" : "anonymous",
      actorUserId: user.id,
      action: ok ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "user",
      entityId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      detail: ok ? null : { reason: user.status !== "active" ? "deactivated" : "wrong_password" },
    });
  });
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
