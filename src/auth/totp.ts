import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits), as every authenticator app makes them. */
export const TOTP = { stepSeconds: 30, digits: 6, window: 1, secretBytes: 20, issuer: "Attune" } as const;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error("Not a base32 string.");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function newTotpSecret(): Buffer {
  return randomBytes(TOTP.secretBytes);
}

/** RFC 4226 HOTP: the code for one counter value. */
export function hotp(secret: Uint8Array, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, "0");
}

export function timeStep(at: Date | number): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return Math.floor(ms / 1000 / TOTP.stepSeconds);
}

export function totpAt(secret: Uint8Array, at: Date | number, digits: number = TOTP.digits): string {
  return hotp(secret, timeStep(at), digits);
}

/**
 * The time step a code belongs to, within one step either side of now (clocks drift), or null.
 * A code for a step at or before `lastUsedStep` is refused: each code works once.
 */
export function matchTotp(secret: Uint8Array, code: string, at: Date | number, lastUsedStep: number | null = null): number | null {
  const given = code.replace(/\s+/g, "");
  if (!/^\d+$/.test(given) || given.length !== TOTP.digits) return null;
  const now = timeStep(at);
  let matched: number | null = null;
  // Every candidate is compared (in constant time), so timing does not tell which one matched.
  for (let step = now - TOTP.window; step <= now + TOTP.window; step++) {
    const expected = Buffer.from(hotp(secret, step));
    if (timingSafeEqual(expected, Buffer.from(given)) && (lastUsedStep === null || step > lastUsedStep) && matched === null) matched = step;
  }
  return matched;
}

/** The otpauth:// URI an authenticator app reads (from a QR code, or pasted). */
export function otpauthUri(secret: Uint8Array, account: string): string {
  const label = encodeURIComponent(`${TOTP.issuer}:${account}`);
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer: TOTP.issuer,
    algorithm: "SHA1",
    digits: String(TOTP.digits),
    period: String(TOTP.stepSeconds),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** The secret in groups of four for typing it by hand. */
export function formatSecretForTyping(secret: Uint8Array): string {
  return base32Encode(secret).replace(/(.{4})/g, "$1 ").trim();
}
