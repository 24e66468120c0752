import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/audit/record";
import type { RequestMeta } from "@/auth/credentials";
import { hashPassword } from "@/auth/passwords";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "@/auth/password-policy";
import type { Db } from "@/db/client";
import { users, userTokens, type UserStatus } from "@/db/schema";
import type { FormState } from "@/lib/form-state";

export type TokenPurpose = "invite" | "reset";

const HOUR_MS = 3_600_000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = { invite: 7 * 24 * HOUR_MS, reset: 24 * HOUR_MS };

/** The one answer for a used, revoked, expired or unknown link: which of these it was is not said. */
export const LINK_NOT_VALID = "This link is not valid any more. Ask your administrator for a new one.";

// 32 random bytes in base64url, without padding.
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** Who a link is for must still be in the state the link was made for. */
const requiredStatus: Record<TokenPurpose, UserStatus> = { invite: "invited", reset: "active" };

/** Only this hash is stored: a copy of the database does not give working links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function tokenPath(purpose: TokenPurpose, token: string): string {
  return `/${purpose}/${token}`;
}

export interface IssuedToken {
  id: string;
  /** The raw token: shown once to the administrator, never stored. */
  token: string;
  path: string;
  expiresAt: string;
}

/** Ends every link of the user that could still be used (all purposes unless one is named). */
export async function revokeOpenTokens(db: Db, userId: string, now: Date, purpose?: TokenPurpose): Promise<void> {
  await db
    .update(userTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(userTokens.userId, userId),
        purpose ? eq(userTokens.purpose, purpose) : undefined,
        isNull(userTokens.usedAt),
        isNull(userTokens.revokedAt),
      ),
    );
}

/** A new one-time link; it replaces any earlier link of the same purpose for that user. */
export async function issueToken(
  db: Db,
  args: { organisationId: string; userId: string; purpose: TokenPurpose; createdBy: string; now?: Date },
): Promise<IssuedToken> {
  const now = args.now ?? new Date();
  await revokeOpenTokens(db, args.userId, now, args.purpose);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[args.purpose]);
  const [row] = await db
    .insert(userTokens)
    .values({
      organisationId: args.organisationId,
      userId: args.userId,
      purpose: args.purpose,
      tokenHash: hashToken(token),
      expiresAt,
      createdBy: args.createdBy,
      createdAt: now,
    })
    .returning({ id: userTokens.id });
  return { id: row!.id, token, path: tokenPath(args.purpose, token), expiresAt: expiresAt.toISOString() };
}

export interface TokenHolder {
  tokenId: string;
  userId: string;
  organisationId: string;
  name: string;
  email: string;
}

/** The person a link is for while it can still be used; null for every other link. */
export async function findUsableToken(db: Db, purpose: TokenPurpose, token: string, now = new Date()): Promise<TokenHolder | null> {
  if (!TOKEN_RE.test(token)) return null;
  const [row] = await db
    .select({ tokenId: userTokens.id, userId: users.id, organisationId: users.organisationId, name: users.name, email: users.email })
    .from(userTokens)
    .innerJoin(users, and(eq(users.id, userTokens.userId), eq(users.organisationId, userTokens.organisationId)))
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        isNull(userTokens.revokedAt),
        gt(userTokens.expiresAt, now),
        eq(users.status, requiredStatus[purpose]),
      ),
    )
    .limit(1);
  return row ?? null;
}

export const setPasswordSchema = z
  .object({
    token: z.string().max(100),
    // The policy (length, common list, not the email) is checked once the person is known.
    password: z.string().min(1, "Choose a password.").max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords do not match." });
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export type RedeemOutcome =
  | { kind: "ok"; userId: string }
  | { kind: "invalid_link" }
  | { kind: "invalid"; fieldErrors: Record<string, string[]> };

class LinkGone extends Error {}

/**
 * Uses a link: sets the password, makes an invited user active, and ends every session of the
 * user (the session version moves on), in one transaction with its audit event. A link works
 * once: of two submissions at the same moment, the conditional update lets one through.
 */
export async function redeemToken(db: Db, purpose: TokenPurpose, raw: unknown, meta: RequestMeta, now = new Date()): Promise<RedeemOutcome> {
  const parsed = setPasswordSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return { kind: "invalid", fieldErrors: Object.fromEntries(Object.entries(fieldErrors).filter((e): e is [string, string[]] => Array.isArray(e[1]))) };
  }
  const holder = await findUsableToken(db, purpose, parsed.data.token, now);
  if (!holder) return { kind: "invalid_link" };
  const problem = passwordProblem(parsed.data.password, { email: holder.email, name: holder.name });
  if (problem) return { kind: "invalid", fieldErrors: { password: [problem] } };
  const passwordHash = await hashPassword(parsed.data.password);
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx
        .update(userTokens)
        .set({ usedAt: now })
        .where(and(eq(userTokens.id, holder.tokenId), isNull(userTokens.usedAt), isNull(userTokens.revokedAt), gt(userTokens.expiresAt, now)))
        .returning({ id: userTokens.id });
      if (claimed.length === 0) throw new LinkGone();
      const updated = await tx
        .update(users)
        .set({ passwordHash, status: "active", sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
        .where(and(eq(users.id, holder.userId), eq(users.status, requiredStatus[purpose])))
        .returning({ id: users.id });
      if (updated.length === 0) throw new LinkGone();
      await recordAudit(tx, {
        organisationId: holder.organisationId,
        actorKind: "user",
        actorUserId: holder.userId,
        action: purpose === "invite" ? "user.invite_accept" : "user.password_reset",
        entityType: "user",
        entityId: holder.userId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        detail: { tokenId: holder.tokenId },
      });
      return { kind: "ok", userId: holder.userId } as const;
    });
  } catch (error) {
    if (error instanceof LinkGone) return { kind: "invalid_link" };
    throw error;
  }
}

/** What the set-password form shows for an outcome other than success. */
export function redeemState(outcome: Exclude<RedeemOutcome, { kind: "ok" }>): FormState {
  if (outcome.kind === "invalid_link") return { status: "error", at: Date.now(), message: LINK_NOT_VALID };
  return { status: "error", at: Date.now(), fieldErrors: outcome.fieldErrors, message: "Check the highlighted fields." };
}
