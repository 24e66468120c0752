import { createHash, createHmac, randomBytes } from "node:crypto";

/** 256 bits of randomness, URL-safe; only its hash is ever stored. */
export function newPortalToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const PORTAL_LINK_DAYS = 30;

/** Tokens have a fixed shape; anything else is rejected before touching the database. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * The key that encrypts a half-written entry kept in the person's browser. Derived from the
 * server's secret and the link, so it is never stored in the browser beside the ciphertext,
 * and a reissued link cannot read the old drafts.
 */
export function draftKeyFor(linkId: string, secret: string): string {
  return createHmac("sha256", secret).update(`portal-draft:${linkId}`).digest("base64url");
}
