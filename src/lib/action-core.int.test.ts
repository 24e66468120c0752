import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "@/auth/actor";
import { auditEvents, users } from "@/db/schema";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { updateProfile, updateProfileSpec } from "@/users/mutations";
import { executeAction, type ActionSpec } from "./action-core";
import { ActionRefused } from "./errors";

let t: TestDatabase;
let orgId: string;
let admin: Actor;
let counselor: Actor;
let outsider: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Action helper org");
  admin = await createUser(t.db, orgId, { role: "admin", name: "Ada Admin" });
  counselor = await createUser(t.db, orgId, { role: "counselor", name: "Cora Counselor" });
  outsider = await createUser(t.db, await createOrganisation(t.db, "Elsewhere"), { role: "admin" });
});
afterAll(async () => t?.close());

async function auditCount(actor: Actor) {
  const rows = await t.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.actorUserId, actor.userId));
  return rows.length;
}

async function nameOf(actor: Actor) {
  const [row] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  return row?.name;
}

/** A spec that renames a user of the actor's organisation: a record the test can point anywhere. */
const renameSchema = z.object({ userId: z.uuid(), name: z.string().trim().min(1, "Enter a name.") });
const renameSpec: ActionSpec<typeof renameSchema, { id: string }, void> = {
  name: "test.rename",
  schema: renameSchema,
  roles: ["admin"],
  load: async (db, actor, input) => {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.organisationId, actor.organisationId)));
    return row ?? null;
  },
  audit: ({ record }) => ({ action: "test.rename", entityType: "user", entityId: record.id }),
};
const rename = async ({ db, input, record }: { db: TestDatabase["db"]; input: z.output<typeof renameSchema>; record: { id: string } }) => {
  await db.update(users).set({ name: input.name }).where(eq(users.id, record.id));
};

describe(`the action helper (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  beforeEach(async () => {
    await t.db.update(users).set({ name: "Cora Counselor" }).where(eq(users.id, counselor.userId));
  });

  it("parses input and returns field errors without writing anything", async () => {
    const before = await auditCount(admin);
    const outcome = await executeAction(t.db, admin, renameSpec, rename, { userId: counselor.userId, name: "   " }, testMeta);
    expect(outcome).toMatchObject({ kind: "invalid", fieldErrors: { name: ["Enter a name."] } });
    expect(await nameOf(counselor)).toBe("Cora Counselor");
    expect(await auditCount(admin)).toBe(before);
  });

  it("answers not found to a role that may not use the action, and writes nothing", async () => {
    const before = await auditCount(counselor);
    const outcome = await executeAction(t.db, counselor, renameSpec, rename, { userId: counselor.userId, name: "Changed" }, testMeta);
    expect(outcome).toEqual({ kind: "not_found" });
    expect(await nameOf(counselor)).toBe("Cora Counselor");
    expect(await auditCount(counselor)).toBe(before);
  });

  it("answers a record of another organisation exactly like a missing one", async () => {
    const foreign = await executeAction(t.db, outsider, renameSpec, rename, { userId: counselor.userId, name: "Hacked" }, testMeta);
    const missing = await executeAction(t.db, admin, renameSpec, rename, { userId: "00000000-0000-4000-8000-000000000000", name: "Nobody" }, testMeta);
    expect(foreign).toEqual({ kind: "not_found" });
    expect(missing).toEqual(foreign);
    expect(await nameOf(counselor)).toBe("Cora Counselor");
    expect(await auditCount(outsider)).toBe(0);
  });

  it("runs the handler and writes its audit event in the same transaction", async () => {
    const outcome = await executeAction(t.db, admin, renameSpec, rename, { userId: counselor.userId, name: "Cora C." }, testMeta);
    expect(outcome.kind).toBe("ok");
    expect(await nameOf(counselor)).toBe("Cora C.");
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, admin.userId), eq(auditEvents.action, "test.rename")));
    expect(event).toMatchObject({ organisationId: orgId, entityId: counselor.userId, ip: "203.0.113.7", actorKind: "user" });
  });

  it("rolls back the work and writes no audit event when the handler fails after writing", async () => {
    const before = await auditCount(admin);
    const failing = async (ctx: Parameters<typeof rename>[0]) => {
      await rename(ctx);
      throw new Error("disk on fire");
    };
    await expect(executeAction(t.db, admin, renameSpec, failing, { userId: counselor.userId, name: "Half saved" }, testMeta)).rejects.toThrow("disk on fire");
    expect(await nameOf(counselor)).toBe("Cora Counselor");
    expect(await auditCount(admin)).toBe(before);
  });

  it("turns a refusal into a message with field errors, after rolling back", async () => {
    const refusing = async (ctx: Parameters<typeof rename>[0]) => {
      await rename(ctx);
      throw new ActionRefused("That name is taken.", { name: ["That name is taken."] });
    };
    const outcome = await executeAction(t.db, admin, renameSpec, refusing, { userId: counselor.userId, name: "Taken" }, testMeta);
    expect(outcome).toEqual({ kind: "refused", message: "That name is taken.", fieldErrors: { name: ["That name is taken."] }, code: "refused" });
    expect(await nameOf(counselor)).toBe("Cora Counselor");
  });

  it("saves a repeated submission with the same key once", async () => {
    const key = "k".repeat(8) + Date.now().toString(36) + "abcdefgh";
    const before = await auditCount(admin);
    const first = await executeAction(t.db, admin, renameSpec, rename, { userId: counselor.userId, name: "Once" }, testMeta, key);
    const second = await executeAction(t.db, admin, renameSpec, rename, { userId: counselor.userId, name: "Twice" }, testMeta, key);
    expect(first.kind).toBe("ok");
    expect(second).toEqual({ kind: "duplicate" });
    expect(await nameOf(counselor)).toBe("Once");
    expect(await auditCount(admin)).toBe(before + 1);
  });

  it("saves once when the same submission arrives many times at once", async () => {
    const key = `concurrent${Date.now().toString(36)}xyz123`;
    const before = await auditCount(admin);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => executeAction(t.db, admin, renameSpec, rename, { userId: counselor.userId, name: `Racer ${i}` }, testMeta, key)),
    );
    expect(outcomes.filter((o) => o.kind === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "duplicate")).toHaveLength(9);
    expect(await auditCount(admin)).toBe(before + 1);
  });

  it("refuses text PostgreSQL cannot store (a NUL) beside its field, and writes nothing", async () => {
    const before = await auditCount(admin);
    const outcome = await executeAction(t.db, admin, renameSpec, rename, { userId: counselor.userId, name: "Cora\u0000C" }, testMeta);
    expect(outcome).toMatchObject({ kind: "invalid", fieldErrors: { name: [expect.stringContaining("cannot be saved")] } });
    expect(await nameOf(counselor)).toBe("Cora Counselor");
    expect(await auditCount(admin)).toBe(before);
  });

  it("turns a database error caused by the input into a message, not a crash", async () => {
    const tooLong = async ({ db, record }: Parameters<typeof rename>[0]) => {
      // users.role is an enum: a value outside it is the input's fault (22P02), as a constraint would be.
      await db.update(users).set({ role: "wizard" as never }).where(eq(users.id, record.id));
    };
    const outcome = await executeAction(t.db, admin, renameSpec, tooLong, { userId: counselor.userId, name: "x" }, testMeta);
    expect(outcome).toMatchObject({ kind: "refused", message: expect.stringContaining("Nothing was saved.") });
  });

  it("gives a key to the person who made it: someone else's replay answers as not found, their own as already saved", async () => {
    const otherAdmin = await createUser(t.db, orgId, { role: "admin", name: "Otto Admin" });
    const key = `owned${Date.now().toString(36)}abcdefgh12`;
    const first = await executeAction(t.db, admin, renameSpec, rename, { userId: counselor.userId, name: "Mine" }, testMeta, key);
    expect(first.kind).toBe("ok");
    const before = await auditCount(otherAdmin);
    const replay = await executeAction(t.db, otherAdmin, renameSpec, rename, { userId: counselor.userId, name: "Yours" }, testMeta, key);
    expect(replay).toEqual({ kind: "not_found" });
    const foreign = await executeAction(t.db, outsider, renameSpec, rename, { userId: counselor.userId, name: "Theirs" }, testMeta, key);
    expect(foreign).toEqual({ kind: "not_found" });
    expect(await nameOf(counselor)).toBe("Mine");
    expect(await auditCount(otherAdmin)).toBe(before);
    // Their own repeat after the record went out of reach is still "already saved", not "not found".
    const gone = await executeAction(t.db, admin, renameSpec, rename, { userId: "00000000-0000-4000-8000-000000000000", name: "Mine" }, testMeta, key);
    expect(gone).toEqual({ kind: "duplicate" });
  });

  it("scopes the profile action to the actor's own row", async () => {
    const outcome = await executeAction(t.db, counselor, updateProfileSpec, updateProfile, { name: "  Cora Counselor-Smith " }, testMeta);
    expect(outcome.kind).toBe("ok");
    expect(await nameOf(counselor)).toBe("Cora Counselor-Smith");
    expect(await nameOf(admin)).toBe("Ada Admin");
  });
});
