import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";
import { base32Decode, base32Encode, formatSecretForTyping, hotp, matchTotp, otpauthUri, timeStep, totpAt } from "./totp";
import { openTotpSecret, sealTotpSecret } from "./totp-secret";

// RFC 6238 appendix B: the SHA-1 seed and its 8-digit codes at the listed times.
const rfcSeed = Buffer.from("12345678901234567890", "ascii");
const rfcVectors: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(rfcVectors)("gives the RFC's code at %i s", (seconds, code) => {
    expect(totpAt(rfcSeed, seconds * 1000, 8)).toBe(code);
    // The 6-digit code an app shows is the same number modulo 10^6.
    expect(totpAt(rfcSeed, seconds * 1000)).toBe(code.slice(2));
  });

  it("gives RFC 4226's HOTP values", () => {
    expect([0, 1, 2, 9].map((c) => hotp(rfcSeed, c))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("accepts a code one step either side of now and refuses two steps away", () => {
    const now = 1_700_000_000_000;
    const step = timeStep(now);
    expect(matchTotp(rfcSeed, totpAt(rfcSeed, now), now)).toBe(step);
    expect(matchTotp(rfcSeed, totpAt(rfcSeed, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(rfcSeed, totpAt(rfcSeed, now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(rfcSeed, totpAt(rfcSeed, now - 60_000), now)).toBeNull();
    expect(matchTotp(rfcSeed, totpAt(rfcSeed, now + 60_000), now)).toBeNull();
    expect(matchTotp(rfcSeed, "12345", now)).toBeNull();
    expect(matchTotp(rfcSeed, "abcdef", now)).toBeNull();
  });

  it("refuses a code whose step was already used (no replay), and an older one", () => {
    const now = 1_700_000_000_000;
    const step = timeStep(now);
    const code = totpAt(rfcSeed, now);
    expect(matchTotp(rfcSeed, code, now, step)).toBeNull();
    expect(matchTotp(rfcSeed, totpAt(rfcSeed, now - 30_000), now, step - 1)).toBeNull();
    expect(matchTotp(rfcSeed, totpAt(rfcSeed, now + 30_000), now, step)).toBe(step + 1);
  });

  it("encodes base32 as RFC 4648 does, and builds the otpauth URI apps read", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw 6ytb oi").toString()).toBe("foobar");
    expect(base32Encode(rfcSeed)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(formatSecretForTyping(rfcSeed)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    expect(otpauthUri(rfcSeed, "cara@clinic.example")).toBe(
      "otpauth://totp/Attune%3Acara%40clinic.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Attune&algorithm=SHA1&digits=6&period=30",
    );
  });
});

describe("TOTP secrets at rest", () => {
  const key = "k".repeat(48);
  const user = "0f8fad5b-d9cb-469f-a165-70867728950e";

  it("round-trips under the same AUTH_SECRET and user, never storing the secret readable", () => {
    const sealed = sealTotpSecret(rfcSeed, user, key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(base32Encode(rfcSeed));
    expect(openTotpSecret(sealed, user, key)).toEqual(rfcSeed);
    expect(sealTotpSecret(rfcSeed, user, key)).not.toBe(sealed);
  });

  it("cannot be opened with another AUTH_SECRET, for another user, or once altered", () => {
    const sealed = sealTotpSecret(rfcSeed, user, key);
    expect(openTotpSecret(sealed, user, "x".repeat(48))).toBeNull();
    expect(openTotpSecret(sealed, "1f8fad5b-d9cb-469f-a165-70867728950e", key)).toBeNull();
    const [v, iv, body, tag] = sealed.split(".");
    const flipped = `${body!.slice(0, -2)}${body!.endsWith("A") ? "B" : "A"}${body!.slice(-1)}`;
    expect(openTotpSecret([v, iv, flipped, tag].join("."), user, key)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten distinct 80-bit codes, matched however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    const code = codes[0]!;
    expect(hashRecoveryCode(code.toLowerCase().replaceAll("-", " "))).toBe(hashRecoveryCode(code));
    expect(normaliseRecoveryCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/);
  });
});
