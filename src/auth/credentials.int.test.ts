import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { auditEvents, limiterEvents, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { verifyCredentials } from "./credentials";
import { resolveActor } from "./resolve-actor";

let t: TestDatabase;
let orgId: string;
let counselor: Actor;
let retired: Actor;

const meta = (ip = "198.51.100.1") => ({ ip, userAgent: "vitest" });

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Sign-in org");
  counselor = await createUser(t.db, orgId, { role: "counselor", email: "cara@clinic.example" });
  retired = await createUser(t.db, orgId, { role: "counselor", email: "retired@clinic.example", status: "deactivated" });
});
afterAll(async () => t?.close());

async function actions(userId: string) {
  const rows = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.actorUserId, userId));
  return rows.map((r) => r.action);
}

describe(`sign-in (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("accepts the right password, case-insensitively by email, and audits the sign-in", async () => {
    const result = await verifyCredentials(t.db, { email: "cara@clinic.example", password: TEST_PASSWORD }, meta());
    expect(result).toMatchObject({ ok: true, user: { id: counselor.userId, role: "counselor", organisationId: orgId } });
    expect(await actions(counselor.userId)).toContain("auth.sign_in");
    const [row] = await t.db.select({ last: users.lastSignInAt }).from(users).where(eq(users.id, counselor.userId));
    expect(row?.last).toBeInstanceOf(Date);
  });

  it("refuses a wrong password with the same answer as an unknown email, auditing the known account", async () => {
    const wrong = await verifyCredentials(t.db, { email: "cara@clinic.example", password: "wrong password here" }, meta());
    const unknown = await verifyCredentials(t.db, { email: "nobody@clinic.example", password: "wrong password here" }, meta());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(await actions(counselor.userId)).toContain("auth.sign_in_failed");
  });

  it("spends comparable time on an unknown email and a wrong password", async () => {
    const time = async (email: string) => {
      const t0 = performance.now();
      await verifyCredentials(t.db, { email, password: "timing-check-password" }, meta("198.51.100.50"));
      return performance.now() - t0;
    };
    await time("warmup@clinic.example");
    // A fresh account, and fewer tries than the throttle allows (a throttled answer skips argon2).
    const timed = await createUser(t.db, orgId, { email: "timed@clinic.example" });
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(timed.email));
      unknown.push(await time(`ghost${i}@clinic.example`));
    }
    // The fastest run of each is the least disturbed by other work on the machine. Both run one
    // argon2 verification; without the dummy hash the unknown email would take about 1 ms.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.3);
    expect(Math.min(...unknown)).toBeLessThan(Math.min(...known) * 3);
  });

  it("refuses a deactivated account even with the right password", async () => {
    const result = await verifyCredentials(t.db, { email: retired.email, password: TEST_PASSWORD }, meta());
    expect(result).toEqual({ ok: false, reason: "invalid" });
    const [event] = await t.db
      .select({ detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, retired.userId), eq(auditEvents.action, "auth.sign_in_failed")));
    expect(event?.detail).toEqual({ reason: "deactivated" });
  });

  it("throttles an account after five failures, even for the right password, with a growing delay", async () => {
    const victim = await createUser(t.db, orgId, { email: "victim@clinic.example" });
    const start = new Date("2030-01-01T10:00:00Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    for (let i = 0; i < 5; i++) {
      const r = await verifyCredentials(t.db, { email: victim.email, password: `guess ${i}` }, meta(`192.0.2.${i}`), at(i));
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await verifyCredentials(t.db, { email: victim.email, password: TEST_PASSWORD }, meta("192.0.2.9"), at(10));
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    if (locked.ok || locked.reason !== "throttled") throw new Error("expected throttled");
    // Fifth failure at +4 s, a one-minute lock: 54 s left at +10 s.
    expect(locked.retryAfterSeconds).toBe(54);
    expect(await actions(victim.userId)).toContain("auth.sign_in_throttled");

    // After the lock, one more failure doubles it to two minutes.
    const sixth = await verifyCredentials(t.db, { email: victim.email, password: "guess 6" }, meta("192.0.2.10"), at(70));
    expect(sixth).toEqual({ ok: false, reason: "invalid" });
    const again = await verifyCredentials(t.db, { email: victim.email, password: TEST_PASSWORD }, meta("192.0.2.11"), at(80));
    expect(again).toMatchObject({ ok: false, reason: "throttled", retryAfterSeconds: 110 });

    const later = await verifyCredentials(t.db, { email: victim.email, password: TEST_PASSWORD }, meta("192.0.2.12"), at(200));
    expect(later).toMatchObject({ ok: true });
  });

  it("caps tries from one address at 30 a minute across emails", async () => {
    const ip = "203.0.113.99";
    const now = new Date("2031-06-01T08:00:00Z");
    await t.db.insert(limiterEvents).values(
      Array.from({ length: 30 }, (_, i) => ({ kind: "sign-in", key: `spray${i}@x.example`, ip, outcome: "failure", at: new Date(now.getTime() - 30_000 + i) })),
    );
    const result = await verifyCredentials(t.db, { email: counselor.email, password: TEST_PASSWORD }, meta(ip), now);
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    const elsewhere = await verifyCredentials(t.db, { email: counselor.email, password: TEST_PASSWORD }, meta("203.0.113.100"), now);
    expect(elsewhere).toMatchObject({ ok: true });
  });
});

describe(`sessions follow the user's row (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("gives the current role, and ends the session of a deactivated user or an old session version", async () => {
    const person = await createUser(t.db, orgId, { role: "counselor" });
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: 0 })).toMatchObject({ role: "counselor" });

    await t.db.update(users).set({ role: "supervisor" }).where(eq(users.id, person.userId));
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: 0 })).toMatchObject({ role: "supervisor" });

    await t.db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, person.userId));
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: 0 })).toBe("ended");
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: 1 })).toMatchObject({ userId: person.userId });

    await t.db.update(users).set({ status: "deactivated" }).where(eq(users.id, person.userId));
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: 1 })).toBe("ended");
    expect(await resolveActor(t.db, { userId: "00000000-0000-4000-8000-000000000000", sessionVersion: 0 })).toBe("ended");
  });
});
