import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { verifyCredentials } from "@/auth/credentials";
import { resolveActor } from "@/auth/resolve-actor";
import { auditEvents, users, userTokens } from "@/db/schema";
import { executeAction } from "@/lib/action-core";
import { createOrganisation, createUser, TEST_PASSWORD, testMeta } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { deactivateUser, deactivateUserSpec, inviteUser, inviteUserSpec, issueReset, issueResetSpec } from "./admin-mutations";
import { findUsableToken, hashToken, issueToken, redeemToken } from "./tokens";

let t: TestDatabase;
let orgId: string;
let admin: Actor;
let emailCounter = 0;
const NEW_PASSWORD = "quiet river under the old bridge";

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Token org");
  admin = await createUser(t.db, orgId, { role: "admin" });
});
afterAll(async () => t?.close());

async function invite() {
  emailCounter += 1;
  const email = `invitee-${emailCounter}@test.example`;
  const outcome = await executeAction(t.db, admin, inviteUserSpec, inviteUser, { name: "Ina Invitee", email, role: "counselor" }, testMeta);
  if (outcome.kind !== "ok") throw new Error(`invite failed: ${JSON.stringify(outcome)}`);
  return { ...outcome.result, email };
}

const form = (token: string, password = NEW_PASSWORD, confirmPassword = password) => ({ token, password, confirmPassword });
const signIn = (email: string, password: string) => verifyCredentials(t.db, { email, password }, { ip: `198.51.100.${emailCounter}`, userAgent: "vitest" });

async function userRow(id: string) {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  return row!;
}

describe(`one-time links (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("accepting an invitation sets the password and activates the account, once", async () => {
    const { userId, link, email } = await invite();
    expect(await findUsableToken(t.db, "invite", link.token)).toMatchObject({ userId, email });
    // An invitation link is not a reset link.
    expect(await redeemToken(t.db, "reset", form(link.token), testMeta)).toEqual({ kind: "invalid_link" });

    expect(await redeemToken(t.db, "invite", form(link.token), testMeta)).toEqual({ kind: "ok", userId });
    expect((await userRow(userId)).status).toBe("active");
    expect(await signIn(email, NEW_PASSWORD)).toMatchObject({ ok: true });

    expect(await redeemToken(t.db, "invite", form(link.token, "another long passphrase here"), testMeta)).toEqual({ kind: "invalid_link" });
    expect(await findUsableToken(t.db, "invite", link.token)).toBeNull();
    expect(await signIn(email, "another long passphrase here")).toMatchObject({ ok: false });
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.invite_accept"), eq(auditEvents.entityId, userId)));
    expect(event).toMatchObject({ actorUserId: userId, actorKind: "user" });
  });

  it("lets only one of two simultaneous submissions through", async () => {
    const { userId, link } = await invite();
    const outcomes = await Promise.all([
      redeemToken(t.db, "invite", form(link.token, "first of two passwords"), testMeta),
      redeemToken(t.db, "invite", form(link.token, "second of two passwords"), testMeta),
    ]);
    expect(outcomes.filter((o) => o.kind === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "invalid_link")).toHaveLength(1);
    const accepts = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.invite_accept"), eq(auditEvents.entityId, userId)));
    expect(accepts).toHaveLength(1);
  });

  it("refuses an expired invitation, and an unknown, malformed or revoked link, the same way", async () => {
    const { userId } = await invite();
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const expired = await issueToken(t.db, { organisationId: orgId, userId, purpose: "invite", createdBy: admin.userId, now: eightDaysAgo });
    expect(await redeemToken(t.db, "invite", form(expired.token), testMeta)).toEqual({ kind: "invalid_link" });
    expect((await userRow(userId)).status).toBe("invited");

    const fresh = await issueToken(t.db, { organisationId: orgId, userId, purpose: "invite", createdBy: admin.userId });
    const newer = await issueToken(t.db, { organisationId: orgId, userId, purpose: "invite", createdBy: admin.userId });
    for (const token of [fresh.token, "A".repeat(43), "not-a-token", ""]) {
      expect(await redeemToken(t.db, "invite", form(token), testMeta)).toEqual({ kind: "invalid_link" });
    }
    expect(await findUsableToken(t.db, "invite", newer.token)).not.toBeNull();
  });

  it("keeps the link usable when the password is refused", async () => {
    const { link, email } = await invite();
    const short = await redeemToken(t.db, "invite", form(link.token, "too short"), testMeta);
    expect(short).toMatchObject({ kind: "invalid", fieldErrors: { password: [expect.stringContaining("12 characters")] } });
    const common = await redeemToken(t.db, "invite", form(link.token, "password1234"), testMeta);
    expect(common).toMatchObject({ kind: "invalid", fieldErrors: { password: [expect.stringContaining("common")] } });
    const withEmail = await redeemToken(t.db, "invite", form(link.token, `${email.split("@")[0]}-secret-words`), testMeta);
    expect(withEmail).toMatchObject({ kind: "invalid", fieldErrors: { password: [expect.stringContaining("email")] } });
    const mismatch = await redeemToken(t.db, "invite", form(link.token, NEW_PASSWORD, "something else entirely"), testMeta);
    expect(mismatch).toMatchObject({ kind: "invalid", fieldErrors: { confirmPassword: ["The two passwords do not match."] } });
    expect(await findUsableToken(t.db, "invite", link.token)).not.toBeNull();
  });

  it("a reset link sets a password that sign-in accepts, ends old sessions, and works once", async () => {
    const person = await createUser(t.db, orgId, { role: "counselor" });
    const before = await userRow(person.userId);
    const issued = await executeAction(t.db, admin, issueResetSpec, issueReset, { userId: person.userId }, testMeta);
    if (issued.kind !== "ok") throw new Error("reset link failed");
    const [stored] = await t.db.select().from(userTokens).where(eq(userTokens.id, issued.result.id));
    expect(stored).toMatchObject({ purpose: "reset", tokenHash: hashToken(issued.result.token) });
    const hours = (stored!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Issuing the link changes nothing yet: the old password still works.
    expect(await signIn(person.email, TEST_PASSWORD)).toMatchObject({ ok: true });

    expect(await redeemToken(t.db, "reset", form(issued.result.token), testMeta)).toEqual({ kind: "ok", userId: person.userId });
    expect(await signIn(person.email, NEW_PASSWORD)).toMatchObject({ ok: true });
    expect(await signIn(person.email, TEST_PASSWORD)).toMatchObject({ ok: false });
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: before.sessionVersion })).toBe("ended");
    expect(await redeemToken(t.db, "reset", form(issued.result.token, "yet another long password"), testMeta)).toEqual({ kind: "invalid_link" });
  });

  it("refuses a reset link after 24 hours, and after the account was deactivated", async () => {
    const person = await createUser(t.db, orgId, { role: "counselor" });
    const yesterday = new Date(Date.now() - 25 * 3_600_000);
    const old = await issueToken(t.db, { organisationId: orgId, userId: person.userId, purpose: "reset", createdBy: admin.userId, now: yesterday });
    expect(await redeemToken(t.db, "reset", form(old.token), testMeta)).toEqual({ kind: "invalid_link" });

    const current = await issueToken(t.db, { organisationId: orgId, userId: person.userId, purpose: "reset", createdBy: admin.userId });
    await executeAction(t.db, admin, deactivateUserSpec, deactivateUser, { userId: person.userId }, testMeta);
    expect(await redeemToken(t.db, "reset", form(current.token), testMeta)).toEqual({ kind: "invalid_link" });
    expect(await signIn(person.email, NEW_PASSWORD)).toMatchObject({ ok: false });
  });
});
