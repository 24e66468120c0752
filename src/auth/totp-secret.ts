import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { resolveAuthSecret } from "./secret";

/**
 * TOTP secrets are stored encrypted (AES-256-GCM) with a key derived from AUTH_SECRET by HKDF,
 * bound to the user's id (as associated data), so a database copy alone does not yield them
 * and a ciphertext moved to another account does not decrypt. Rotating AUTH_SECRET makes the
 * stored secrets unreadable: those users sign in with a recovery code and enrol again.
 */
function keyFor(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "attune", "attune totp secret v1", 32));
}

export function sealTotpSecret(secret: Uint8Array, userId: string, authSecret: string = resolveAuthSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(authSecret), iv);
  cipher.setAAD(Buffer.from(userId));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
  return ["v1", iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The secret, or null when it cannot be opened (another key, another user, or altered). */
export function openTotpSecret(stored: string, userId: string, authSecret: string = resolveAuthSecret()): Buffer | null {
  const [version, iv, sealed, tag] = stored.split(".");
  if (version !== "v1" || !iv || !sealed || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(authSecret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]);
  } catch {
    return null;
  }
}
