import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, TEST_PASSWORD, testMeta } from "@/lib/testing/fixtures";
import { changePassword, changePasswordSpec } from "@/users/mutations";
import { authCookies, isLoopbackHost } from "./cookies";
import { resolveActor } from "./resolve-actor";
import { recordSignOut } from "./sign-out";

let t: TestDatabase;
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Sessions org");
});
afterAll(async () => t?.close());

const versionOf = async (userId: string) =>
  (await t.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)))[0]!.v;

describe(`sessions end on the server (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("sign-out moves the session version on, so a token copied before it is refused", async () => {
    const person = await createUser(t.db, orgId);
    const copied = { userId: person.userId, sessionVersion: await versionOf(person.userId) };
    expect(await resolveActor(t.db, copied)).toMatchObject({ userId: person.userId });

    await recordSignOut(t.db, person, testMeta, "signed_out");
    expect(await resolveActor(t.db, copied)).toBe("ended");
    expect(await versionOf(person.userId)).toBe(copied.sessionVersion + 1);
    const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.actorUserId, person.userId));
    expect(events.map((e) => e.action)).toContain("auth.sign_out");
  });

  it("an idle sign-out is audited but leaves the version (the token has expired already)", async () => {
    const person = await createUser(t.db, orgId);
    await recordSignOut(t.db, person, testMeta, "idle");
    expect(await versionOf(person.userId)).toBe(0);
  });

  it("a password change ends the sessions made with the old password", async () => {
    const person = await createUser(t.db, orgId);
    const before = { userId: person.userId, sessionVersion: await versionOf(person.userId) };
    const outcome = await executeAction(
      t.db,
      person,
      changePasswordSpec,
      changePassword,
      { currentPassword: TEST_PASSWORD, newPassword: "a brand new passphrase for sessions", confirmPassword: "a brand new passphrase for sessions" },
      testMeta,
    );
    expect(outcome.kind).toBe("ok");
    expect(await resolveActor(t.db, before)).toBe("ended");
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: before.sessionVersion + 1 })).toMatchObject({ userId: person.userId });
  });
});

describe("the session cookie", () => {
  it("is __Host- prefixed, HttpOnly, Secure, SameSite=Lax and for the whole site by default", () => {
    const { useSecureCookies, cookies } = authCookies({});
    expect(useSecureCookies).toBe(true);
    expect(cookies.sessionToken).toEqual({ name: "__Host-attune.session", options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } });
    expect(cookies.csrfToken.name).toBe("__Host-attune.csrf");
    for (const cookie of Object.values(cookies)) expect(cookie.options).not.toHaveProperty("domain");
  });

  it("drops the prefix and Secure only when ATTUNE_INSECURE_COOKIES=1 (plain http on a development network)", () => {
    const { cookies } = authCookies({ ATTUNE_INSECURE_COOKIES: "1" });
    expect(cookies.sessionToken).toMatchObject({ name: "attune.session", options: { secure: false, httpOnly: true } });
  });

  it("knows where browsers accept Secure cookies over http", () => {
    expect(["localhost:3000", "127.0.0.1", "[::1]:3000", "app.localhost"].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(["192.168.1.20:3000", "attune.example.org", "localhost.example.org"].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});
