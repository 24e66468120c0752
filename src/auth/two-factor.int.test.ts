import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, limiterEvents, organisations, recoveryCodes, users } from "@/db/schema";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, TEST_PASSWORD, testMeta } from "@/lib/testing/fixtures";
import {
  beginTwoFactor,
  beginTwoFactorSpec,
  disableTwoFactor,
  disableTwoFactorSpec,
  resetTwoFactor,
  resetTwoFactorSpec,
  setOrgTwoFactor,
  setOrgTwoFactorSpec,
} from "@/users/two-factor-mutations";
import type { Actor } from "./actor";
import { verifyCredentials } from "./credentials";
import { hashRecoveryCode } from "./recovery-codes";
import { resolveActor } from "./resolve-actor";
import { base32Decode, totpAt } from "./totp";
import { beginEnrolment, confirmEnrolment, consumeSecondFactor, twoFactorState } from "./two-factor";

let t: TestDatabase;
let orgId: string;
const meta = (ip = "198.51.100.7") => ({ ip, userAgent: "vitest" });

beforeAll(async () => {
  process.env.AUTH_SECRET ??= "integration-test-secret-of-enough-length-0123456789";
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Two-factor org");
});
afterAll(async () => t?.close());

/** Enrols a user and returns their secret (as the app would read it) and recovery codes. */
async function enrol(person: Actor, at = new Date()) {
  const secretInfo = await beginEnrolment(t.db, { id: person.userId, email: person.email });
  const secret = base32Decode(secretInfo!.secretForTyping);
  const codes = await confirmEnrolment(t.db, { id: person.userId, organisationId: person.organisationId }, totpAt(secret, at), at);
  return { secret, codes: codes! };
}

const actionsOf = async (userId: string) =>
  (await t.db.select({ action: auditEvents.action, detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.actorUserId, userId)));

describe(`enrolment (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("keeps the secret sealed, turns on only with a right code, and stores only hashes of ten recovery codes", async () => {
    const person = await createUser(t.db, orgId);
    const started = await beginEnrolment(t.db, { id: person.userId, email: person.email });
    expect(started!.uri).toMatch(/^otpauth:\/\/totp\/Attune%3A.+\?secret=[A-Z2-7]+&issuer=Attune/);
    const [row] = await t.db.select({ secret: users.totpSecret, on: users.totpEnabledAt }).from(users).where(eq(users.id, person.userId));
    expect(row!.secret).toMatch(/^v1\./);
    expect(row!.secret).not.toContain(started!.secretForTyping.replaceAll(" ", ""));
    expect(row!.on).toBeNull();
    expect(await twoFactorState(t.db, person.userId)).toMatchObject({ enabled: false, pending: true });

    const secret = base32Decode(started!.secretForTyping);
    const now = new Date();
    const wrong = String((Number(totpAt(secret, now)) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirmEnrolment(t.db, { id: person.userId, organisationId: orgId }, wrong, now)).toBeNull();
    const codes = await confirmEnrolment(t.db, { id: person.userId, organisationId: orgId }, totpAt(secret, now), now);
    expect(codes).toHaveLength(10);
    const stored = await t.db.select({ hash: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, person.userId));
    expect(stored.map((s) => s.hash).sort()).toEqual(codes!.map(hashRecoveryCode).sort());
    expect(stored.some((s) => codes!.some((c) => s.hash.includes(c.replaceAll("-", ""))))).toBe(false);
    expect(await twoFactorState(t.db, person.userId)).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    // Enrolment cannot be restarted over an enabled factor.
    expect(await beginEnrolment(t.db, { id: person.userId, email: person.email })).toBeNull();
  });
});

describe(`two-factor sign-in (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("asks for a code after any password, and says only at the end whether both were right", async () => {
    const person = await createUser(t.db, orgId);
    const enrolledAt = new Date(Date.now() - 120_000);
    const { secret } = await enrol(person, enrolledAt);

    const rightPassword = await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD }, meta());
    const wrongPassword = await verifyCredentials(t.db, { email: person.email, password: "not the password" }, meta());
    expect(rightPassword).toEqual({ ok: false, reason: "second_factor" });
    expect(wrongPassword).toEqual(rightPassword);

    const now = new Date();
    const code = totpAt(secret, now);
    expect(await verifyCredentials(t.db, { email: person.email, password: "not the password", code }, meta(), now)).toEqual({ ok: false, reason: "invalid" });
    const signedIn = await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD, code }, meta(), now);
    expect(signedIn).toMatchObject({ ok: true, user: { id: person.userId } });
    // The same code again (a replay, or someone looking over a shoulder) is refused.
    expect(await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD, code }, meta(), now)).toEqual({ ok: false, reason: "invalid" });

    const events = await actionsOf(person.userId);
    expect(events).toContainEqual({ action: "auth.sign_in", detail: { secondFactor: "totp" } });
    expect(events).toContainEqual({ action: "auth.sign_in_failed", detail: { reason: "wrong_code" } });
    expect(events).toContainEqual({ action: "auth.sign_in_failed", detail: { reason: "wrong_password" } });
  });

  it("accepts each recovery code once", async () => {
    const person = await createUser(t.db, orgId);
    const { codes } = await enrol(person);
    const first = await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD, code: codes[3]!.toLowerCase() }, meta());
    expect(first).toMatchObject({ ok: true });
    expect(await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD, code: codes[3]! }, meta())).toEqual({ ok: false, reason: "invalid" });
    expect(await twoFactorState(t.db, person.userId)).toMatchObject({ recoveryCodesLeft: 9 });
    expect(await actionsOf(person.userId)).toContainEqual({ action: "auth.sign_in", detail: { secondFactor: "recovery_code" } });
  });

  it("does not spend a code on a wrong password", async () => {
    const person = await createUser(t.db, orgId);
    const { codes } = await enrol(person);
    await verifyCredentials(t.db, { email: person.email, password: "not the password", code: codes[0]! }, meta());
    expect(await consumeSecondFactor(t.db, person.userId, codes[0]!)).toBe("recovery_code");
  });

  it("throttles code guessing like password guessing: five wrong codes lock the account", async () => {
    const person = await createUser(t.db, orgId);
    await enrol(person);
    const start = new Date("2032-03-01T09:00:00Z");
    for (let i = 0; i < 5; i++) {
      const r = await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD, code: String(100000 + i) }, meta(`192.0.2.${40 + i}`), new Date(start.getTime() + i * 1000));
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD }, meta("192.0.2.60"), new Date(start.getTime() + 10_000));
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    const failures = await t.db.select().from(limiterEvents).where(and(eq(limiterEvents.kind, "sign-in"), eq(limiterEvents.key, person.email), eq(limiterEvents.outcome, "failure")));
    expect(failures).toHaveLength(5);
  });
});

describe(`the organisation's requirement and the account actions (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("holds back clinical users without two-factor once an admin requires it, and only them", async () => {
    const org = await createOrganisation(t.db, "Strict org");
    const admin = await createUser(t.db, org, { role: "admin" });
    const counselor = await createUser(t.db, org, { role: "counselor" });
    const supervisor = await createUser(t.db, org, { role: "supervisor" });
    const enrolled = await createUser(t.db, org, { role: "counselor" });
    await enrol(enrolled);

    expect(await executeAction(t.db, counselor, setOrgTwoFactorSpec, setOrgTwoFactor, { required: "yes" }, testMeta)).toEqual({ kind: "not_found" });
    expect(await executeAction(t.db, admin, setOrgTwoFactorSpec, setOrgTwoFactor, { required: "yes" }, testMeta)).toMatchObject({ kind: "ok" });
    const [row] = await t.db.select({ required: organisations.requireTwoFactor }).from(organisations).where(eq(organisations.id, org));
    expect(row!.required).toBe(true);
    expect(await actionsOf(admin.userId)).toContainEqual({ action: "organisation.require_two_factor", detail: { required: true } });

    const claims = (a: Actor) => ({ userId: a.userId, sessionVersion: 0 });
    expect(await resolveActor(t.db, claims(counselor))).toMatchObject({ twoFactorSetupRequired: true });
    expect(await resolveActor(t.db, claims(supervisor))).toMatchObject({ twoFactorSetupRequired: true });
    expect(await resolveActor(t.db, claims(admin))).not.toHaveProperty("twoFactorSetupRequired");
    expect(await resolveActor(t.db, claims(enrolled))).not.toHaveProperty("twoFactorSetupRequired");

    await enrol(counselor);
    expect(await resolveActor(t.db, claims(counselor))).not.toHaveProperty("twoFactorSetupRequired");
    // Required: it cannot be switched off by the person.
    const refused = await executeAction(t.db, counselor, disableTwoFactorSpec, disableTwoFactor, { password: TEST_PASSWORD, code: "000000" }, testMeta);
    expect(refused).toMatchObject({ kind: "refused", message: expect.stringContaining("requires two-factor") });
  });

  it("turns off only with the password and a code, audited", async () => {
    const person = await createUser(t.db, orgId);
    const { secret } = await enrol(person, new Date(Date.now() - 60_000));
    const noPassword = await executeAction(t.db, person, disableTwoFactorSpec, disableTwoFactor, { password: "wrong password", code: totpAt(secret, new Date()) }, testMeta);
    expect(noPassword).toMatchObject({ kind: "refused" });
    const ok = await executeAction(t.db, person, disableTwoFactorSpec, disableTwoFactor, { password: TEST_PASSWORD, code: totpAt(secret, new Date()) }, testMeta);
    expect(ok).toMatchObject({ kind: "ok" });
    expect(await twoFactorState(t.db, person.userId)).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    expect((await actionsOf(person.userId)).map((e) => e.action)).toContain("user.two_factor_disabled");
    expect(await verifyCredentials(t.db, { email: person.email, password: TEST_PASSWORD }, meta("192.0.2.200"))).toMatchObject({ ok: true });
  });

  it("lets an administrator reset someone's two-factor, ending their sessions", async () => {
    const admin = await createUser(t.db, orgId, { role: "admin" });
    const person = await createUser(t.db, orgId);
    await enrol(person);
    const outcome = await executeAction(t.db, admin, resetTwoFactorSpec, resetTwoFactor, { userId: person.userId }, testMeta);
    expect(outcome).toMatchObject({ kind: "ok" });
    expect(await twoFactorState(t.db, person.userId)).toMatchObject({ enabled: false });
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: 0 })).toBe("ended");
    expect((await actionsOf(admin.userId)).map((e) => e.action)).toContain("user.two_factor_reset");
  });

  it("starts enrolment through the audited action", async () => {
    const person = await createUser(t.db, orgId);
    const outcome = await executeAction(t.db, person, beginTwoFactorSpec, beginTwoFactor, {}, testMeta);
    expect(outcome).toMatchObject({ kind: "ok", result: { uri: expect.stringMatching(/^otpauth:/) } });
    expect((await actionsOf(person.userId)).map((e) => e.action)).toContain("user.two_factor_setup_started");
  });
});
