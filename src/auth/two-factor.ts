import { and, count, eq, isNull, or, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { formatSecretForTyping, matchTotp, newTotpSecret, otpauthUri } from "./totp";
import { qrCodeDataUrl } from "./totp-qr";
import { openTotpSecret, sealTotpSecret } from "./totp-secret";

export interface TwoFactorState {
  enabled: boolean;
  /** Enrolment started (a secret is stored) but not confirmed with a code yet. */
  pending: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorState(db: Db, userId: string): Promise<TwoFactorState> {
  const [row] = await db
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enabled: Boolean(row?.enabledAt), pending: Boolean(row?.secret && !row.enabledAt), recoveryCodesLeft: Number(left?.n ?? 0) };
}

export interface EnrolmentSecret {
  uri: string;
  secretForTyping: string;
  /** The uri as a QR code to scan (an SVG data: URL). */
  qrCode: string;
}

/** Starts (or restarts) enrolment with a fresh secret, kept sealed until a code confirms it. */
export async function beginEnrolment(db: Db, user: { id: string; email: string }): Promise<EnrolmentSecret | null> {
  const secret = newTotpSecret();
  const updated = await db
    .update(users)
    .set({ totpSecret: sealTotpSecret(secret, user.id), totpLastStep: null, updatedAt: new Date() })
    .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)))
    .returning({ id: users.id });
  if (!updated.length) return null;
  const uri = otpauthUri(secret, user.email);
  return { uri, secretForTyping: formatSecretForTyping(secret), qrCode: await qrCodeDataUrl(uri) };
}

/**
 * Confirms enrolment with a code from the app: two-factor is on from now, and ten new recovery
 * codes replace any old ones. Returns the codes (shown once, only their hashes are kept), or
 * null when the code does not match the pending secret.
 */
export async function confirmEnrolment(
  db: Db,
  user: { id: string; organisationId: string },
  code: string,
  now = new Date(),
): Promise<string[] | null> {
  const [row] = await db
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, user.id))
    .for("update")
    .limit(1);
  if (!row?.secret || row.enabledAt) return null;
  const secret = openTotpSecret(row.secret, user.id);
  const step = secret ? matchTotp(secret, code, now) : null;
  if (step === null) return null;
  await db.update(users).set({ totpEnabledAt: now, totpLastStep: step, updatedAt: now }).where(eq(users.id, user.id));
  return replaceRecoveryCodes(db, user);
}

async function replaceRecoveryCodes(db: Db, user: { id: string; organisationId: string }): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  await db.insert(recoveryCodes).values(codes.map((code) => ({ organisationId: user.organisationId, userId: user.id, codeHash: hashRecoveryCode(code) })));
  return codes;
}

export type SecondFactor = "totp" | "recovery_code";

/**
 * Checks, and uses up, a second factor: a TOTP code (its time step must be later than the last
 * one accepted, recorded in the same statement so two requests cannot both use one code), or
 * an unused recovery code (marked used in the same statement).
 */
export async function consumeSecondFactor(db: Db, userId: string, code: string, now = new Date()): Promise<SecondFactor | null> {
  const [row] = await db
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row?.secret || !row.enabledAt) return null;
  const secret = openTotpSecret(row.secret, userId);
  const step = secret ? matchTotp(secret, code, now, row.lastStep) : null;
  if (step !== null) {
    const taken = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return taken.length ? "totp" : null;
  }
  if (!looksLikeRecoveryCode(code)) return null;
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length ? "recovery_code" : null;
}

/** Turns two-factor off and forgets the secret and the recovery codes. */
export async function removeTwoFactor(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: sql`now()` }).where(eq(users.id, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
