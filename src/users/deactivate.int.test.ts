import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { resolveActor } from "@/auth/resolve-actor";
import { auditEvents, clientCareTeam, clients, users } from "@/db/schema";
import { executeAction } from "@/lib/action-core";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { deactivateUser, deactivateUserSpec } from "./admin-mutations";
import { assignField } from "./admin-schemas";

let t: TestDatabase;
let orgId: string;
let admin: Actor;
let leaving: Actor;
let alice: Actor;
let bob: Actor;
let gone: Actor;
let foreign: Actor;
let clientIds: string[];
let dischargedId: string;
let n = 0;

async function addClient(counselorId: string, status: "intake" | "active" | "on_hold" | "discharged" = "active") {
  n += 1;
  const [row] = await t.db
    .insert(clients)
    .values({
      organisationId: orgId,
      name: `Client ${n}`,
      recordNumber: `DEA-${String(n).padStart(3, "0")}`,
      recoveryFocus: "trauma",
      status,
      primaryCounselorId: counselorId,
      startDate: "2026-01-05",
      dischargedOn: status === "discharged" ? "2026-03-01" : null,
    })
    .returning({ id: clients.id });
  return row!.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Deactivation org");
  admin = await createUser(t.db, orgId, { role: "admin" });
  alice = await createUser(t.db, orgId, { role: "counselor", name: "Alice" });
  bob = await createUser(t.db, orgId, { role: "supervisor", name: "Bob" });
  gone = await createUser(t.db, orgId, { role: "counselor", name: "Gone", status: "deactivated" });
  foreign = await createUser(t.db, await createOrganisation(t.db), { role: "counselor" });
});
afterAll(async () => t?.close());

beforeEach(async () => {
  leaving = await createUser(t.db, orgId, { role: "counselor", name: "Lee Leaving" });
  clientIds = [await addClient(leaving.userId, "active"), await addClient(leaving.userId, "intake"), await addClient(leaving.userId, "on_hold")];
  dischargedId = await addClient(leaving.userId, "discharged");
  // Alice is already on the care team of the first client.
  await t.db.insert(clientCareTeam).values({ organisationId: orgId, clientId: clientIds[0]!, userId: alice.userId });
});

async function primaries() {
  const rows = await t.db.select({ id: clients.id, primary: clients.primaryCounselorId }).from(clients).where(inArray(clients.id, [...clientIds, dischargedId]));
  return Object.fromEntries(rows.map((r) => [r.id, r.primary]));
}

async function statusOf(userId: string) {
  const [row] = await t.db.select({ status: users.status, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row!;
}

const deactivate = (input: Record<string, string>) => executeAction(t.db, admin, deactivateUserSpec, deactivateUser, input, testMeta);

describe(`deactivating a counselor with clients (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("asks for a counselor for each open client and changes nothing without one", async () => {
    const before = await primaries();
    const outcome = await deactivate({ userId: leaving.userId, [assignField(clientIds[0]!)]: alice.userId });
    expect(outcome.kind).toBe("refused");
    if (outcome.kind !== "refused") return;
    expect(Object.keys(outcome.fieldErrors).sort()).toEqual([assignField(clientIds[1]!), assignField(clientIds[2]!)].sort());
    expect(outcome.fieldErrors[assignField(dischargedId)]).toBeUndefined();
    expect(await primaries()).toEqual(before);
    expect((await statusOf(leaving.userId)).status).toBe("active");

    // With no choice at all, one message on "move all to" rather than one per client.
    const none = await deactivate({ userId: leaving.userId });
    expect(none).toMatchObject({ kind: "refused", fieldErrors: { moveAllTo: [expect.stringContaining("Choose who takes")] } });
    expect(none.kind === "refused" && Object.keys(none.fieldErrors)).toEqual(["moveAllTo"]);
    expect(await primaries()).toEqual(before);
  });

  it("moves every open client in one transaction with the deactivation, per client or all to one", async () => {
    const before = await statusOf(leaving.userId);
    const outcome = await deactivate({ userId: leaving.userId, moveAllTo: bob.userId, [assignField(clientIds[0]!)]: alice.userId });
    expect(outcome).toMatchObject({ kind: "ok", result: { moved: 3 } });
    expect(await primaries()).toEqual({
      [clientIds[0]!]: alice.userId,
      [clientIds[1]!]: bob.userId,
      [clientIds[2]!]: bob.userId,
      // A discharged client stays where it was.
      [dischargedId]: leaving.userId,
    });
    const after = await statusOf(leaving.userId);
    expect(after).toEqual({ status: "deactivated", sessionVersion: before.sessionVersion + 1 });
    expect(await resolveActor(t.db, { userId: leaving.userId, sessionVersion: before.sessionVersion })).toBe("ended");
    // Alice became primary counselor, so her care-team place went.
    expect(await t.db.select().from(clientCareTeam).where(eq(clientCareTeam.clientId, clientIds[0]!))).toHaveLength(0);
    const moves = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "client.reassign"), inArray(auditEvents.clientId, clientIds)));
    expect(moves).toHaveLength(3);
    expect(moves.find((m) => m.clientId === clientIds[0])?.detail).toEqual({ fromUserId: leaving.userId, toUserId: alice.userId, reason: "deactivation" });
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.deactivate"), eq(auditEvents.entityId, leaving.userId)));
    expect(event?.detail).toEqual({ clientsMoved: 3 });
  });

  it("moves none when one target is not an active counselor of the organisation", async () => {
    for (const bad of [gone.userId, foreign.userId, leaving.userId, admin.userId]) {
      const before = await primaries();
      const outcome = await deactivate({ userId: leaving.userId, moveAllTo: alice.userId, [assignField(clientIds[2]!)]: bad });
      expect(outcome).toMatchObject({ kind: "refused", fieldErrors: { [assignField(clientIds[2]!)]: ["Choose an active counselor from the list."] } });
      expect(await primaries()).toEqual(before);
      expect((await statusOf(leaving.userId)).status).toBe("active");
    }
    const outcome = await deactivate({ userId: leaving.userId, moveAllTo: gone.userId });
    expect(outcome).toMatchObject({ kind: "refused", fieldErrors: { moveAllTo: ["Choose an active counselor from the list."] } });
  });

  it("rolls every move back when the transaction fails after moving", async () => {
    const before = await primaries();
    const audits = (await t.db.select({ id: auditEvents.id }).from(auditEvents)).length;
    const failing: typeof deactivateUser = async (ctx) => {
      await deactivateUser(ctx);
      throw new Error("connection lost");
    };
    await expect(executeAction(t.db, admin, deactivateUserSpec, failing, { userId: leaving.userId, moveAllTo: alice.userId }, testMeta)).rejects.toThrow(
      "connection lost",
    );
    expect(await primaries()).toEqual(before);
    expect((await statusOf(leaving.userId)).status).toBe("active");
    expect((await t.db.select({ id: auditEvents.id }).from(auditEvents)).length).toBe(audits);
  });

  it("asks again for a client that arrived after the form was filled in", async () => {
    const late = await addClient(leaving.userId, "active");
    const input = Object.fromEntries(clientIds.map((id) => [assignField(id), alice.userId]));
    const outcome = await deactivate({ userId: leaving.userId, ...input });
    expect(outcome).toMatchObject({ kind: "refused", fieldErrors: { [assignField(late)]: [expect.stringContaining("DEA-")] } });
    expect((await statusOf(leaving.userId)).status).toBe("active");
  });
});
