import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, auditEvents, clients, supportContacts } from "@/db/schema";
import { messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { saveMessagingSettings, saveMessagingSettingsSpec } from "./client-mutations";
import { scheduledWorkSource } from "./due-source";
import { scanDueReminders } from "./reminders";

let t: TestDatabase;
let orgId: string;
let counselor: Awaited<ReturnType<typeof createUser>>;
let stranger: Awaited<ReturnType<typeof createUser>>;
let clientId: string;
let otherClientId: string;
let contactId: string;
let otherContactId: string;
let n = 0;

async function client(counselorId: string) {
  n++;
  const [c] = await t.db
    .insert(clients)
    .values({ organisationId: orgId, name: `Robin Client ${n}`, recordNumber: `SC-${n}`, recoveryFocus: "both", status: "active", primaryCounselorId: counselorId, startDate: "2026-01-01", timeZone: "UTC" })
    .returning({ id: clients.id });
  return c!.id;
}

async function contact(of: string, name: string) {
  const [c] = await t.db.insert(supportContacts).values({ organisationId: orgId, clientId: of, name, relationship: "parent", email: "listed@mail.test" }).returning({ id: supportContacts.id });
  return c!.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Support mail org");
  counselor = await createUser(t.db, orgId, { name: "Casey Counselor" });
  stranger = await createUser(t.db, orgId, { name: "Sam Elsewhere" });
  clientId = await client(counselor.userId);
  otherClientId = await client(stranger.userId);
  contactId = await contact(clientId, "Marisol Parent");
  otherContactId = await contact(otherClientId, "Other Parent");
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const save = (actor: typeof counselor, input: Record<string, string>) =>
  executeAction(t.db, actor, saveMessagingSettingsSpec, saveMessagingSettings, { clientId, timeZone: "Europe/Madrid", preferredHour: "18", consent: "granted", ...input }, testMeta);

describe("a support person's email settings and consent", () => {
  it("are their own: an address, a zone, an hour and a consent record beside the client's, audited on the contact", async () => {
    const outcome = await save(counselor, { contactId, email: "Marisol@Mail.test" });
    expect(outcome.kind).toBe("ok");
    const [r] = await t.db.select().from(messageRecipients).where(eq(messageRecipients.contactId, contactId));
    expect(r).toMatchObject({ clientId, email: "marisol@mail.test", timeZone: "Europe/Madrid", preferredHour: 18 });
    const consents = await t.db.select().from(reminderConsents).where(eq(reminderConsents.recipientId, r!.id));
    expect(consents.map((c) => [c.granted, c.source, c.recordedBy])).toEqual([[true, "counselor", counselor.userId]]);
    // The client has no settings of their own from this.
    const forClient = await t.db.select().from(messageRecipients).where(and(eq(messageRecipients.clientId, clientId)));
    expect(forClient).toHaveLength(1);
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "messaging.settings"), eq(auditEvents.entityId, contactId)));
    expect(event).toMatchObject({ entityType: "support_contact", clientId });
    // Withdrawing is a new record, not an edit.
    await save(counselor, { contactId, email: "marisol@mail.test", consent: "withdrawn" });
    expect(await t.db.select().from(reminderConsents).where(eq(reminderConsents.recipientId, r!.id))).toHaveLength(2);
  });

  it("a contact of another client, or of a client not on the actor's caseload, answers as not found and changes nothing", async () => {
    expect((await save(counselor, { contactId: otherContactId, email: "x@mail.test" })).kind).toBe("not_found");
    expect((await save(counselor, { clientId: otherClientId, contactId: otherContactId, email: "x@mail.test" })).kind).toBe("not_found");
    expect((await save(stranger, { contactId, email: "x@mail.test" })).kind).toBe("not_found");
    expect(await t.db.select().from(messageRecipients).where(eq(messageRecipients.contactId, otherContactId))).toHaveLength(0);
    const [r] = await t.db.select().from(messageRecipients).where(eq(messageRecipients.contactId, contactId));
    expect(r!.email).toBe("marisol@mail.test");
  });

  it("their own family exercise reminds them, at their hour in their zone, and not the client", async () => {
    await save(counselor, { contactId, email: "marisol@mail.test", consent: "granted" });
    const [a] = await t.db
      .insert(assignments)
      .values({ organisationId: orgId, clientId, contactId, exerciseId: "detachment-with-love", exerciseVersion: 1, cadence: { kind: "weekly" }, startDate: "2026-11-02", createdBy: counselor.userId, createdAt: new Date("2026-01-01T00:00:00Z") })
      .returning({ id: assignments.id });
    // 18:00 in Madrid on 2 November 2026 is 17:00 UTC.
    for (const time of ["09:00", "16:45", "17:00", "17:15", "20:00"]) await scanDueReminders(t.db, scheduledWorkSource, new Date(`2026-11-02T${time}:00Z`));
    const rows = await t.db.select({ recipient: messages.recipient, sendAfter: messages.sendAfter, state: messages.state }).from(messages).where(eq(messages.jobKey, `reminder:assignment:${a!.id}:2026-11-02`));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: "marisol@mail.test", state: "queued" });
    expect(rows[0]!.sendAfter.getTime()).toBeGreaterThanOrEqual(new Date("2026-11-02T17:00:00Z").getTime());
    expect(await t.db.select().from(messages).where(eq(messages.recipient, "listed@mail.test"))).toHaveLength(0);
  });
});
