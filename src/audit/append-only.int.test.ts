import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, organisations } from "@/db/schema";
import { createTestDatabase, rejection, type TestDatabase } from "@/lib/testing/db";
import { recordAudit } from "./record";

let t: TestDatabase;
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const [org] = await t.db.insert(organisations).values({ name: "Audit test" }).returning();
  orgId = org!.id;
  await recordAudit(t.db, { organisationId: orgId, actorKind: "system", action: "test.event" });
});
afterAll(async () => t?.close());

describe(`audit_events is append-only (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("accepts inserts", async () => {
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.organisationId, orgId));
    expect(rows.map((r) => r.action)).toEqual(["test.event"]);
  });

  it("refuses UPDATE", async () => {
    expect(
      await rejection(t.db.update(auditEvents).set({ action: "tampered" }).where(eq(auditEvents.organisationId, orgId))),
    ).toMatch(/append-only: UPDATE/);
    const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.organisationId, orgId));
    expect(row?.action).toBe("test.event");
  });

  it("refuses DELETE", async () => {
    expect(await rejection(t.db.delete(auditEvents).where(eq(auditEvents.organisationId, orgId)))).toMatch(
      /append-only: DELETE/,
    );
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.organisationId, orgId));
    expect(rows).toHaveLength(1);
  });

  it("refuses TRUNCATE", async () => {
    expect(await rejection(t.db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE/);
    const rows = await t.db.select().from(auditEvents);
    expect(rows).toHaveLength(1);
  });
});
