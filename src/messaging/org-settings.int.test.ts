import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clients } from "@/db/schema";
import { messageRecipients, messages, organisationMessageSettings, reminderConsents } from "@/db/schema/messages";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { messageClient } from "./client-messages";
import { deliverBatch } from "./deliver";
import { fromWithName, messageSettingsOf, saveMessageSettings, saveMessageSettingsSpec } from "./org-settings";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server";
import { createMailer } from "./transport";

let t: TestDatabase;
let smtp: TestSmtpServer;
let orgId: string;
let admin: Awaited<ReturnType<typeof createUser>>;
let counselor: Awaited<ReturnType<typeof createUser>>;
let clientId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startTestSmtpServer();
  orgId = await createOrganisation(t.db, "Settings org");
  admin = await createUser(t.db, orgId, { role: "admin" });
  counselor = await createUser(t.db, orgId);
  const [c] = await t.db
    .insert(clients)
    .values({ organisationId: orgId, name: "Robin Client", recordNumber: "OS-1", recoveryFocus: "both", status: "active", primaryCounselorId: counselor.userId, startDate: "2026-01-01", timeZone: "UTC" })
    .returning({ id: clients.id });
  clientId = c!.id;
  const [r] = await t.db.insert(messageRecipients).values({ organisationId: orgId, clientId, email: "robin@mail.test", timeZone: "UTC", preferredHour: 9 }).returning({ id: messageRecipients.id });
  await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: true, recordedBy: counselor.userId, source: "counselor" });
}, 120_000);
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const settings = { senderName: "Northside Wellbeing", signature: "Your Northside team", quietStart: "22", quietEnd: "7", reminderHour: "18" };

describe("the organisation's message settings", () => {
  it("are the defaults until an administrator saves them; only an administrator may, and the change is audited", async () => {
    expect(await messageSettingsOf(t.db, orgId)).toMatchObject({ senderName: null, signature: "The team", quiet: { start: 21, end: 8 }, reminderHour: 9 });
    expect((await executeAction(t.db, counselor, saveMessageSettingsSpec, saveMessageSettings, settings, testMeta)).kind).toBe("not_found");
    expect(await t.db.select().from(organisationMessageSettings)).toHaveLength(0);
    expect((await executeAction(t.db, admin, saveMessageSettingsSpec, saveMessageSettings, settings, testMeta)).kind).toBe("ok");
    expect(await messageSettingsOf(t.db, orgId)).toMatchObject({ senderName: "Northside Wellbeing", signature: "Your Northside team", quiet: { start: 22, end: 7 }, reminderHour: 18 });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "organisation.message_settings"));
    expect(event).toMatchObject({ entityType: "organisation", entityId: orgId, actorUserId: admin.userId });
  });

  it("refuses a sender name that would break the From header, and quiet hours that begin and end at once, beside the field", async () => {
    const bad = await executeAction(t.db, admin, saveMessageSettingsSpec, saveMessageSettings, { ...settings, senderName: 'Evil" <x@evil.test>' }, testMeta);
    expect(bad.kind).toBe("invalid");
    const same = await executeAction(t.db, admin, saveMessageSettingsSpec, saveMessageSettings, { ...settings, quietEnd: "22" }, testMeta);
    expect(same).toMatchObject({ kind: "refused" });
    expect((await messageSettingsOf(t.db, orgId)).senderName).toBe("Northside Wellbeing");
  });

  it("a client's message is signed as chosen, waits out the organisation's quiet hours, and goes out under its sender name", async () => {
    // 21:30 UTC: quiet under these settings only from 22:00, so it goes at once; 22:30 waits for the person's 09:00 the next day (under the defaults 21:30 would have waited too).
    const now = await messageClient(t.db, { organisationId: orgId, clientId, contactId: null, kind: "something_new", jobKey: "os:now", actor: { kind: "system" }, linkCreatedBy: counselor.userId, now: new Date("2026-12-01T21:30:00Z") });
    expect(now?.state).toBe("queued");
    const later = await messageClient(t.db, { organisationId: orgId, clientId, contactId: null, kind: "something_new", jobKey: "os:later", actor: { kind: "system" }, linkCreatedBy: counselor.userId, now: new Date("2026-12-01T22:30:00Z") });
    expect(later?.state).toBe("deferred");
    const [waiting] = await t.db.select().from(messages).where(eq(messages.jobKey, "os:later"));
    expect(waiting!.sendAfter.toISOString()).toBe("2026-12-02T09:00:00.000Z");
    const [row] = await t.db.select().from(messages).where(eq(messages.jobKey, "os:now"));
    expect(row!.bodyText).toContain("— Your Northside team");

    const config = { mode: "smtp" as const, url: smtp.url, from: "Attune <no-reply@clinic.test>" };
    const mailer = createMailer(config);
    const outcomes = await deliverBatch(t.db, config, mailer, [{ id: "job-1", retryCount: 0, messageId: row!.id, lastAttempt: false }], { complete: async () => {}, retry: async () => {} });
    mailer.close();
    expect(outcomes.get(row!.id)).toBe("sent");
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.from?.value).toEqual([{ name: "Northside Wellbeing", address: "no-reply@clinic.test" }]);
    const [sent] = await t.db.select({ sender: messages.sender }).from(messages).where(eq(messages.id, row!.id));
    expect(sent!.sender).toBe("Northside Wellbeing <no-reply@clinic.test>");
  });

  it("keeps MAIL_FROM's address whatever the name", () => {
    expect(fromWithName("Attune <no-reply@a.test>", null)).toBe("Attune <no-reply@a.test>");
    expect(fromWithName("no-reply@a.test", "North")).toEqual({ name: "North", address: "no-reply@a.test" });
  });
});
