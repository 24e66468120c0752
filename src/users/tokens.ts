import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/auth/actor";
import type { RequestMeta } from "@/auth/credentials";
import { hashPassword } from "@/auth/passwords";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "@/auth/password-policy";
import type { Db } from "@/db/client";
import { users, userTokens, type UserRole, type UserStatus } from "@/db/schema";
import type { Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { executeLinkAction, LINK_NOT_VALID, type LinkActionSpec } from "@/lib/link-action-core";
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

export type TokenPurpose = "invite" | "reset";

const HOUR_MS = 3_600_000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = { invite: 7 * 24 * HOUR_MS, reset: 24 * HOUR_MS };


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
  role: UserRole;
  name: string;
  email: string;
}

/** The person a link is for while it can still be used; null for every other link. */
export async function findUsableToken(db: Db, purpose: TokenPurpose, token: string, now = new Date()): Promise<TokenHolder | null> {
  if (!TOKEN_RE.test(token)) return null;
  const [row] = await db
    .select({ tokenId: userTokens.id, userId: users.id, organisationId: users.organisationId, role: users.role, name: users.name, email: users.email })
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
    password: z.string().min(1, ae("choosePassword")).max(MAX_PASSWORD_LENGTH, ae("atMostCharacters", { max: String(MAX_PASSWORD_LENGTH) })),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: ae("passwordsDiffer") });
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export type RedeemOutcome =
  | { kind: "ok"; userId: string }
  | { kind: "invalid_link" }
  | { kind: "invalid"; fieldErrors: Record<string, string[]> };

/** The link's holder as the actor of the action that uses it. */
async function linkHolder(db: Db, purpose: TokenPurpose, token: string): Promise<Actor | null> {
  const holder = await findUsableToken(db, purpose, token);
  return holder ? { userId: holder.userId, organisationId: holder.organisationId, role: holder.role, name: holder.name, email: holder.email } : null;
}

type LinkRecord = TokenHolder & { purpose: TokenPurpose };

function redeemSpec(purpose: TokenPurpose): LinkActionSpec<typeof setPasswordSchema, LinkRecord, { userId: string }> {
  const action = purpose === "invite" ? "user.invite_accept" : "user.password_reset";
  return {
    name: action,
    schema: setPasswordSchema,
    linkHolder: (db, token) => linkHolder(db, purpose, token),
    // Read again inside the transaction: the link must still be usable, and still this person's.
    load: async (db, actor, input) => {
      const holder = await findUsableToken(db, purpose, input.token);
      return holder && holder.userId === actor.userId ? { ...holder, purpose } : null;
    },
    audit: ({ record }) => ({ action, entityType: "user", entityId: record.userId, detail: { tokenId: record.tokenId } }),
  };
}

const redeemSpecs: Record<TokenPurpose, ReturnType<typeof redeemSpec>> = { invite: redeemSpec("invite"), reset: redeemSpec("reset") };

export const acceptInvitationSpec = redeemSpecs.invite;
export const resetPasswordSpec = redeemSpecs.reset;

/**
 * Uses a link: sets the password, makes an invited user active, and ends every session of the
 * user (the session version moves on). A link works once: of two submissions at the same
 * moment, the conditional update lets one through.
 */
export const redeem: Handler<typeof setPasswordSchema, LinkRecord, { userId: string }> = async ({ db, input, record }) => {
  const problem = passwordProblem(input.password, { email: record.email, name: record.name });
  if (problem) throw new ActionRefused(ae("checkFields"), { password: [problem] });
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  const claimed = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.id, record.tokenId), isNull(userTokens.usedAt), isNull(userTokens.revokedAt), gt(userTokens.expiresAt, now)))
    .returning({ id: userTokens.id });
  if (claimed.length === 0) throw new ActionRefused(LINK_NOT_VALID);
  const updated = await db
    .update(users)
    .set({ passwordHash, status: "active", sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(and(eq(users.id, record.userId), eq(users.status, requiredStatus[record.purpose])))
    .returning({ id: users.id });
  if (updated.length === 0) throw new ActionRefused(LINK_NOT_VALID);
  return { userId: record.userId };
};

/** The same path as the pages' actions, without a browser: for tests and scripts. */
export async function redeemToken(db: Db, purpose: TokenPurpose, raw: Record<string, unknown>, meta: RequestMeta): Promise<RedeemOutcome> {
  const outcome = await executeLinkAction(db, redeemSpecs[purpose], redeem, raw, meta);
  switch (outcome.kind) {
    case "ok":
      return { kind: "ok", userId: outcome.result.userId };
    case "invalid":
      return { kind: "invalid", fieldErrors: outcome.fieldErrors };
    case "refused":
      return Object.keys(outcome.fieldErrors).length ? { kind: "invalid", fieldErrors: outcome.fieldErrors } : { kind: "invalid_link" };
    default:
      return { kind: "invalid_link" };
  }
}
