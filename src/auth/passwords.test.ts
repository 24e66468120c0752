import { beforeEach, describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({ verify: 0 }));
vi.mock("@node-rs/argon2", async (original) => {
  const real = await original<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      calls.verify++;
      return real.verify(...args);
    },
  };
});

const { hashPassword, verifyPassword } = await import("./passwords");

describe("password verification", () => {
  beforeEach(() => {
    calls.verify = 0;
  });

  it("uses argon2id with the OWASP parameters", async () => {
    const hash = await hashPassword("a long enough passphrase");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "a long enough passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a wrong passphrase")).toBe(false);
  });

  it("runs one full verification even when there is no account, so timing reveals nothing", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(calls.verify).toBe(1);
    const hash = await hashPassword("a long enough passphrase");
    calls.verify = 0;
    await verifyPassword(hash, "a wrong passphrase");
    expect(calls.verify).toBe(1);
  });
});
