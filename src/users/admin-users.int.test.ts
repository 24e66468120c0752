import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { resolveActor } from "@/auth/resolve-actor";
import { auditEvents, users, userTokens } from "@/db/schema";
import { executeAction, type ActionSpec, type Handler } from "@/lib/action-core";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import type { z } from "zod";
import {
  changeAccess,
  changeAccessSpec,
  deactivateUser,
  deactivateUserSpec,
  inviteUser,
  inviteUserSpec,
  issueReset,
  issueResetSpec,
  reactivateUser,
  reactivateUserSpec,
  reissueInvite,
  reissueInviteSpec,
} from "./admin-mutations";
import { getOrgUser, listOrgUsers } from "./admin-queries";

let t: TestDatabase;
let orgId: string;
let admin: Actor;
let admin2: Actor;
let supervisor: Actor;
let counselor: Actor;
let outsider: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Admin org");
  admin = await createUser(t.db, orgId, { role: "admin", name: "Ada Admin" });
  admin2 = await createUser(t.db, orgId, { role: "admin", name: "Ben Admin" });
  supervisor = await createUser(t.db, orgId, { role: "supervisor", name: "Sue Supervisor" });
  counselor = await createUser(t.db, orgId, { role: "counselor", name: "Cal Counselor", supervisorId: supervisor.userId });
  outsider = await createUser(t.db, await createOrganisation(t.db, "Elsewhere"), { role: "admin", name: "Otto Outsider" });
});
afterAll(async () => t?.close());

const run = <S extends z.ZodType, R, T>(actor: Actor, spec: ActionSpec<S, R, T>, handler: Handler<S, R, T>, input: unknown) =>
  executeAction(t.db, actor, spec, handler, input, testMeta);

async function userRow(id: string) {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  return row!;
}

async function auditCount() {
  return (await t.db.select({ id: auditEvents.id }).from(auditEvents)).length;
}

describe(`user administration (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("invites a user: an invited account without a password, a hashed one-time link, an audit event", async () => {
    const outcome = await run(admin, inviteUserSpec, inviteUser, {
      name: "Nia New",
      email: "  Nia.New@Test.Example ",
      role: "counselor",
      supervisorId: supervisor.userId,
    });
    expect(outcome.kind).toBe("ok");
    if (outcome.kind !== "ok") return;
    const { userId, link } = outcome.result;
    const row = await userRow(userId);
    expect(row).toMatchObject({ status: "invited", email: "nia.new@test.example", role: "counselor", supervisorId: supervisor.userId, passwordHash: null, organisationId: orgId });
    expect(link.path).toBe(`/invite/${link.token}`);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const tokens = await t.db.select().from(userTokens).where(eq(userTokens.userId, userId));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ purpose: "invite", createdBy: admin.userId, usedAt: null });
    expect(tokens[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[0]!.tokenHash).not.toContain(link.token);
    const days = (tokens[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.invite"), eq(auditEvents.entityId, userId)));
    expect(event).toMatchObject({ actorUserId: admin.userId, organisationId: orgId });
    expect(JSON.stringify(event!.detail)).not.toContain(link.token);
  });

  it("refuses an email that already has an account, next to the field", async () => {
    const outcome = await run(admin, inviteUserSpec, inviteUser, { name: "Dup", email: counselor.email.toUpperCase(), role: "counselor" });
    expect(outcome).toMatchObject({ kind: "refused", fieldErrors: { email: [expect.stringContaining("already exists")] } });
  });

  it("refuses a supervisor who is not a supervisor of the organisation", async () => {
    for (const supervisorId of [counselor.userId, outsider.userId]) {
      const outcome = await run(admin, inviteUserSpec, inviteUser, { name: "X", email: `x-${supervisorId.slice(0, 6)}@test.example`, role: "counselor", supervisorId });
      expect(outcome).toMatchObject({ kind: "refused", fieldErrors: { supervisorId: ["Choose a supervisor from the list."] } });
    }
  });

  it("renews an invitation link: the earlier link is revoked", async () => {
    const invited = await run(admin, inviteUserSpec, inviteUser, { name: "Renee Renew", email: "renee@test.example", role: "counselor" });
    if (invited.kind !== "ok") throw new Error("invite failed");
    const renewed = await run(admin, reissueInviteSpec, reissueInvite, { userId: invited.result.userId });
    expect(renewed.kind).toBe("ok");
    const tokens = await t.db.select().from(userTokens).where(eq(userTokens.userId, invited.result.userId));
    expect(tokens.filter((tk) => tk.revokedAt === null)).toHaveLength(1);
    expect(tokens.filter((tk) => tk.revokedAt !== null)).toHaveLength(1);
    const again = await run(admin, reissueInviteSpec, reissueInvite, { userId: counselor.userId });
    expect(again).toMatchObject({ kind: "refused" });
  });

  it("refuses to deactivate oneself", async () => {
    const before = await auditCount();
    const outcome = await run(admin, deactivateUserSpec, deactivateUser, { userId: admin.userId });
    expect(outcome).toMatchObject({ kind: "refused", message: expect.stringContaining("your own account") });
    expect((await userRow(admin.userId)).status).toBe("active");
    expect(await auditCount()).toBe(before);
  });

  it("keeps the last active administrator: no demotion, no deactivation", async () => {
    const org = await createOrganisation(t.db, "One-admin org");
    const only = await createUser(t.db, org, { role: "admin" });
    const demote = await run(only, changeAccessSpec, changeAccess, { userId: only.userId, role: "supervisor" });
    expect(demote).toMatchObject({ kind: "refused", fieldErrors: { role: [expect.stringContaining("last active administrator")] } });
    expect((await userRow(only.userId)).role).toBe("admin");

    // An administrator whose own account was deactivated a moment ago (a stale session) still
    // cannot take away the last active one.
    const stale = await createUser(t.db, org, { role: "admin", status: "deactivated" });
    const deactivate = await run(stale, deactivateUserSpec, deactivateUser, { userId: only.userId });
    expect(deactivate).toMatchObject({ kind: "refused", message: expect.stringContaining("last active administrator") });
    expect((await userRow(only.userId)).status).toBe("active");
  });

  it("changes a role, bumps the session version, and the old session ends", async () => {
    const person = await createUser(t.db, orgId, { role: "counselor" });
    const before = await userRow(person.userId);
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: before.sessionVersion })).toMatchObject({ role: "counselor" });
    const outcome = await run(admin, changeAccessSpec, changeAccess, { userId: person.userId, role: "supervisor", supervisorId: "" });
    expect(outcome).toMatchObject({ kind: "ok", result: { roleChanged: true } });
    const after = await userRow(person.userId);
    expect(after.role).toBe("supervisor");
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: before.sessionVersion })).toBe("ended");
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: after.sessionVersion })).toMatchObject({ role: "supervisor" });
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.change_role"), eq(auditEvents.entityId, person.userId)));
    expect(event?.detail).toEqual({ fromRole: "counselor", toRole: "supervisor", supervisorId: null });
  });

  it("changes only the supervisor without ending sessions", async () => {
    const person = await createUser(t.db, orgId, { role: "counselor" });
    const before = await userRow(person.userId);
    const outcome = await run(admin, changeAccessSpec, changeAccess, { userId: person.userId, role: "counselor", supervisorId: supervisor.userId });
    expect(outcome).toMatchObject({ kind: "ok", result: { roleChanged: false } });
    const after = await userRow(person.userId);
    expect(after).toMatchObject({ supervisorId: supervisor.userId, sessionVersion: before.sessionVersion });
  });

  it("demotes an administrator while another remains", async () => {
    const extra = await createUser(t.db, orgId, { role: "admin" });
    const outcome = await run(admin2, changeAccessSpec, changeAccess, { userId: extra.userId, role: "counselor" });
    expect(outcome.kind).toBe("ok");
    expect((await userRow(extra.userId)).role).toBe("counselor");
  });

  it("refuses to demote a supervisor who still supervises someone", async () => {
    const outcome = await run(admin, changeAccessSpec, changeAccess, { userId: supervisor.userId, role: "counselor" });
    expect(outcome).toMatchObject({ kind: "refused", fieldErrors: { role: [expect.stringMatching(/^Sue Supervisor supervises \d+ (person|people)\. Give them another supervisor first\.$/)] } });
    expect((await userRow(supervisor.userId)).role).toBe("supervisor");
  });

  it("deactivates a user without clients, ends their sessions and links, and reactivates them", async () => {
    const person = await createUser(t.db, orgId, { role: "counselor" });
    const reset = await run(admin, issueResetSpec, issueReset, { userId: person.userId });
    expect(reset.kind).toBe("ok");
    const before = await userRow(person.userId);
    const outcome = await run(admin, deactivateUserSpec, deactivateUser, { userId: person.userId });
    expect(outcome).toMatchObject({ kind: "ok", result: { moved: 0 } });
    const after = await userRow(person.userId);
    expect(after).toMatchObject({ status: "deactivated", sessionVersion: before.sessionVersion + 1 });
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: before.sessionVersion })).toBe("ended");
    const open = await t.db.select().from(userTokens).where(eq(userTokens.userId, person.userId));
    expect(open.every((tk) => tk.revokedAt !== null)).toBe(true);

    expect(await run(admin, deactivateUserSpec, deactivateUser, { userId: person.userId })).toMatchObject({ kind: "refused" });
    const back = await run(admin, reactivateUserSpec, reactivateUser, { userId: person.userId });
    expect(back).toMatchObject({ kind: "ok", result: { status: "active" } });
    expect(await resolveActor(t.db, { userId: person.userId, sessionVersion: after.sessionVersion })).toMatchObject({ userId: person.userId });
  });

  it("reactivates someone who never set a password as invited", async () => {
    const invited = await run(admin, inviteUserSpec, inviteUser, { name: "Ivy Invited", email: "ivy@test.example", role: "counselor" });
    if (invited.kind !== "ok") throw new Error("invite failed");
    await run(admin, deactivateUserSpec, deactivateUser, { userId: invited.result.userId });
    const back = await run(admin, reactivateUserSpec, reactivateUser, { userId: invited.result.userId });
    expect(back).toMatchObject({ kind: "ok", result: { status: "invited" } });
  });

  it("answers not found to a counselor or supervisor and writes nothing", async () => {
    const target = await createUser(t.db, orgId, { role: "counselor" });
    const before = await auditCount();
    const snapshot = await userRow(target.userId);
    for (const actor of [counselor, supervisor]) {
      const attempts = [
        run(actor, inviteUserSpec, inviteUser, { name: "Sneaky", email: `sneaky-${actor.role}@test.example`, role: "admin" }),
        run(actor, changeAccessSpec, changeAccess, { userId: target.userId, role: "admin" }),
        run(actor, changeAccessSpec, changeAccess, { userId: actor.userId, role: "admin" }),
        run(actor, deactivateUserSpec, deactivateUser, { userId: target.userId }),
        run(actor, reactivateUserSpec, reactivateUser, { userId: target.userId }),
        run(actor, issueResetSpec, issueReset, { userId: target.userId }),
        run(actor, reissueInviteSpec, reissueInvite, { userId: target.userId }),
      ];
      for (const outcome of await Promise.all(attempts)) expect(outcome).toEqual({ kind: "not_found" });
    }
    expect(await userRow(target.userId)).toEqual(snapshot);
    expect((await userRow(counselor.userId)).role).toBe("counselor");
    expect(await t.db.select().from(users).where(eq(users.email, "sneaky-counselor@test.example"))).toHaveLength(0);
    expect(await auditCount()).toBe(before);
  });

  it("answers not found to another organisation's administrator, exactly like a missing user", async () => {
    const before = await auditCount();
    const snapshot = await userRow(counselor.userId);
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const userId of [counselor.userId, missing]) {
      const attempts = [
        run(outsider, changeAccessSpec, changeAccess, { userId, role: "admin" }),
        run(outsider, deactivateUserSpec, deactivateUser, { userId }),
        run(outsider, reactivateUserSpec, reactivateUser, { userId }),
        run(outsider, issueResetSpec, issueReset, { userId }),
        run(outsider, reissueInviteSpec, reissueInvite, { userId }),
      ];
      for (const outcome of await Promise.all(attempts)) expect(outcome).toEqual({ kind: "not_found" });
    }
    // Naming our supervisor in their own invitation is refused too.
    const invite = await run(outsider, inviteUserSpec, inviteUser, { name: "Spy", email: "spy@test.example", role: "counselor", supervisorId: supervisor.userId });
    expect(invite).toMatchObject({ kind: "refused" });
    expect(await userRow(counselor.userId)).toEqual(snapshot);
    expect(await auditCount()).toBe(before);
    expect(await getOrgUser(t.db, outsider, counselor.userId)).toBeNull();
    expect((await listOrgUsers(t.db, outsider)).map((u) => u.id)).toEqual([outsider.userId]);
  });

  it("lists the organisation's users for an administrator only", async () => {
    const list = await listOrgUsers(t.db, admin);
    expect(list.map((u) => u.email)).toContain(counselor.email);
    expect(list.find((u) => u.id === counselor.userId)).toMatchObject({ supervisorName: "Sue Supervisor", status: "active", openClients: 0 });
    expect(await listOrgUsers(t.db, supervisor)).toEqual([]);
    expect(await getOrgUser(t.db, counselor, counselor.userId)).toBeNull();
  });
});
