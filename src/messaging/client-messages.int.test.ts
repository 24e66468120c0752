import { and, asc, desc, eq, notInArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { clients, portalLinks, supportContacts, users } from "@/db/schema";
import { messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { seedDemo } from "@/db/seed/demo";
import { createAssignment, createAssignmentSpec } from "@/assignments/mutations";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { testMeta } from "@/lib/testing/fixtures";
import { hashToken } from "@/portal/tokens";
import { alertCounselorOfCriticalAnswer, messageClient, recipientLanguage } from "./client-messages";
import { saveMessagingSettings, saveMessagingSettingsSpec, sendLinkNow, sendLinkNowSpec } from "./client-mutations";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server";
import { scanDueReminders, type DueOccurrence } from "./reminders";
import { oneClick } from "./testing/one-click";
import { unsubscribeByToken } from "./unsubscribe";
import { startWorker, type RunningWorker } from "./worker";

let t: TestDatabase;
let smtp: TestSmtpServer;
let worker: RunningWorker;
let counselor: Actor;
let client: { id: string; name: string; organisationId: string };

const ADDRESS = "avery.client@mail.test";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here" });
  // A client the demo gave no address (the demo's first few have one, with consent).
  const withAddress = (await t.db.select({ clientId: messageRecipients.clientId }).from(messageRecipients)).map((r) => r.clientId);
  const [c] = await t.db
    .select({ id: clients.id, name: clients.name, organisationId: clients.organisationId, counselorId: clients.primaryCounselorId })
    .from(clients)
    .where(and(eq(clients.status, "active"), withAddress.length ? notInArray(clients.id, withAddress) : undefined))
    .orderBy(asc(clients.recordNumber))
    .limit(1);
  client = c!;
  const [u] = await t.db.select().from(users).where(eq(users.id, c!.counselorId));
  counselor = { userId: u!.id, organisationId: u!.organisationId, role: u!.role, name: u!.name, email: u!.email };
  smtp = await startTestSmtpServer();
  const url = t.driver === "postgres" ? Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${t.name}` }).toString() : undefined;
  worker = await startWorker(t, { env: { SMTP_URL: smtp.url, MAIL_FROM: "The team <no-reply@clinic.test>", NODE_ENV: "test" }, databaseUrl: url, pollingIntervalSeconds: 0.5, schedule: false, log: () => {} });
  // The demo seed is the slow part; on a busy machine it takes longer than the default minute.
}, 180_000);
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await t?.close();
});

async function settings(consent: "granted" | "withdrawn" | "unchanged", timeZone = "UTC") {
  const outcome = await executeAction(t.db, counselor, saveMessagingSettingsSpec, saveMessagingSettings, { clientId: client.id, email: ADDRESS, timeZone, preferredHour: "9", consent }, testMeta);
  if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
}

async function waitForMail(count: number) {
  const until = Date.now() + 15_000;
  for (;;) {
    const mine = smtp.received.filter((m) => m.envelopeTo.includes(ADDRESS));
    if (mine.length >= count) return mine;
    if (Date.now() > until) throw new Error(`expected ${count} messages to the client, got ${mine.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("messages to a client", () => {
  it("nothing is sent without consent: the attempt is recorded as not sent", async () => {
    await settings("unchanged");
    const result = await messageClient(t.db, { organisationId: client.organisationId, clientId: client.id, contactId: null, kind: "something_new", jobKey: "test:no-consent", actor: { kind: "system" }, linkCreatedBy: counselor.userId });
    expect(result?.state).toBe("suppressed");
    const [row] = await t.db.select().from(messages).where(eq(messages.jobKey, "test:no-consent"));
    expect(row).toMatchObject({ state: "suppressed", reason: "No consent to reminders on record", bodyText: null });
  });

  it("assigning an exercise emails 'something new' with a working private link and one-click unsubscribe, naming nothing", async () => {
    // A zone where it is daytime now, so the message is not held for quiet hours.
    const hour = new Date().getUTCHours();
    const zone = hour >= 9 && hour < 20 ? "UTC" : hour < 9 ? "Asia/Tokyo" : "America/Los_Angeles";
    await settings("granted", zone);
    const outcome = await executeAction(t.db, counselor, createAssignmentSpec, createAssignment, { clientId: client.id, assignee: "client", exerciseId: "thought-record", cadence: "weekly", startDate: "2026-06-01" }, testMeta);
    if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
    const [mail] = await waitForMail(1);
    const parsed = mail!.parsed;
    expect(parsed.subject).toBe("Something new is waiting for you");
    const whole = `${parsed.subject} ${parsed.text} ${parsed.html}`.toLowerCase();
    for (const word of ["thought", client.name.toLowerCase(), "counsel", "check-in", "score"]) expect(whole).not.toContain(word);
    const portal = /\/p\/([A-Za-z0-9_-]{43})/.exec(parsed.text ?? "")![1]!;
    const [link] = await t.db.select().from(portalLinks).where(eq(portalLinks.tokenHash, hashToken(portal)));
    expect(link?.clientId).toBe(client.id);
    const rawHeader = (name: string) => parsed.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? "";
    const listUnsubscribe = rawHeader("list-unsubscribe");
    // It names the message's language, so that the one-click reply can answer in it.
    expect(listUnsubscribe).toMatch(/^<https?:\/\/\S+\/api\/unsubscribe\/[A-Za-z0-9_-]{43}\?hl=en>$/);
    expect(rawHeader("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");

    // One-click unsubscribe withdraws consent (a new record) without signing in; nothing more is sent.
    const token = /\/api\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(listUnsubscribe)![1]!;
    expect(await unsubscribeByToken(t.db, token, testMeta)).toBe(true);
    expect(await unsubscribeByToken(t.db, token, testMeta)).toBe(false);
    const history = await t.db
      .select({ granted: reminderConsents.granted, source: reminderConsents.source })
      .from(reminderConsents)
      .innerJoin(messageRecipients, eq(messageRecipients.id, reminderConsents.recipientId))
      .where(eq(messageRecipients.clientId, client.id))
      .orderBy(asc(reminderConsents.recordedAt));
    expect(history.map((h) => [h.granted, h.source])).toEqual([
      [true, "counselor"],
      [false, "unsubscribe_link"],
    ]);
    const again = await executeAction(t.db, counselor, sendLinkNowSpec, sendLinkNow, { clientId: client.id }, testMeta);
    expect(again.kind === "ok" && again.result.state).toBe("suppressed");
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.filter((m) => m.envelopeTo.includes(ADDRESS))).toHaveLength(1);
  });

  it("in quiet hours a message waits for the person's preferred hour", async () => {
    await settings("granted", "UTC");
    const lateEvening = new Date("2026-12-07T22:30:00Z");
    const result = await messageClient(t.db, { organisationId: client.organisationId, clientId: client.id, contactId: null, kind: "portal_link", jobKey: "test:quiet", actor: { kind: "system" }, linkCreatedBy: counselor.userId, now: lateEvening });
    expect(result?.state).toBe("deferred");
    const [row] = await t.db.select().from(messages).where(eq(messages.jobKey, "test:quiet"));
    expect(row!.sendAfter.toISOString()).toBe("2026-12-08T09:00:00.000Z");
    expect(row!.reason).toContain("Quiet hours");
  });

  it("a message is written in its recipient's language: the client's, or a support person's own, else the client's", async () => {
    await settings("granted", "UTC");
    const org = client.organisationId;
    const [own, inherits] = await t.db
      .insert(supportContacts)
      .values([
        { organisationId: org, clientId: client.id, name: "Samira", relationship: "sibling", language: "ar" },
        { organisationId: org, clientId: client.id, name: "Jo", relationship: "friend" },
      ])
      .returning({ id: supportContacts.id });
    try {
      await t.db.update(clients).set({ language: "es-MX" }).where(eq(clients.id, client.id));
      expect(await recipientLanguage(t.db, org, client.id, null)).toBe("es");
      expect(await recipientLanguage(t.db, org, client.id, own!.id)).toBe("ar");
      expect(await recipientLanguage(t.db, org, client.id, inherits!.id)).toBe("es");
      // Another organisation's client is no one's: English, and nothing of theirs read.
      expect(await recipientLanguage(t.db, "00000000-0000-4000-8000-000000000000", client.id, null)).toBe("en");
      const noon = new Date("2026-12-08T12:00:00Z");
      await messageClient(t.db, { organisationId: org, clientId: client.id, contactId: null, kind: "something_new", jobKey: "test:spanish", actor: { kind: "system" }, linkCreatedBy: counselor.userId, now: noon });
      const [row] = await t.db.select({ subject: messages.subject, text: messages.bodyText, listUnsubscribe: messages.listUnsubscribe }).from(messages).where(eq(messages.jobKey, "test:spanish"));
      expect(row!.subject).toBe("Tiene algo nuevo esperándole");
      expect(row!.text).toContain("Abrir su página");
      expect(row!.text).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]{43}\?hl=es/);
      // A mail program's one-click POST to the message's List-Unsubscribe address is answered in Spanish, and withdraws consent.
      const reply = await oneClick(row!.listUnsubscribe!);
      expect(reply.status).toBe(200);
      expect(reply.headers.get("content-language")).toBe("es");
      expect(await reply.text()).toBe("Ya no recibirá estos correos. Si cambia de opinión, dígaselo a la persona que trabaja con usted.");
      const [latest] = await t.db
        .select({ granted: reminderConsents.granted, source: reminderConsents.source })
        .from(reminderConsents)
        .innerJoin(messageRecipients, eq(messageRecipients.id, reminderConsents.recipientId))
        .where(eq(messageRecipients.clientId, client.id))
        .orderBy(desc(reminderConsents.recordedAt))
        .limit(1);
      expect(latest).toEqual({ granted: false, source: "unsubscribe_link" });
    } finally {
      await t.db.update(clients).set({ language: "en" }).where(eq(clients.id, client.id));
    }
  });

  it("a critical answer alerts the counselor at once, with initials and a sign-in link only", async () => {
    await alertCounselorOfCriticalAnswer(t.db, { organisationId: client.organisationId, clientId: client.id, administrationId: "00000000-0000-4000-8000-000000000001" });
    const until = Date.now() + 15_000;
    let mail;
    while (!(mail = smtp.received.find((m) => m.envelopeTo.includes(counselor.email))) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(mail).toBeDefined();
    const whole = `${mail!.parsed.subject} ${mail!.parsed.text}`;
    const initials = client.name.split(/\s+/).map((w) => `${w[0]!.toUpperCase()}.`);
    expect(whole).toContain(`${initials[0]}${initials[initials.length - 1]}`);
    expect(whole).not.toContain(client.name);
    expect(mail!.parsed.text).toContain(`/clients/${client.id}/checkins/`);
    // The SMTP server has the message before the worker commits "sent": wait for the commit.
    const state = async () => (await t.db.select({ state: messages.state }).from(messages).where(and(eq(messages.kind, "critical_alert"), eq(messages.clientId, client.id))))[0]?.state;
    await expect.poll(state, { timeout: 15_000 }).toBe("sent");
  });

  it("the reminder scan sends one message per due occurrence, however often it runs", async () => {
    await settings("granted", "UTC");
    const due: DueOccurrence[] = ["2026-12-07", "2026-12-08"].map((dueDate) => ({
      organisationId: client.organisationId,
      clientId: client.id,
      contactId: null,
      source: "assignment",
      sourceId: "00000000-0000-4000-8000-0000000000aa",
      dueDate,
      reminder: "due",
      remindAt: new Date(`${dueDate}T09:00:00Z`),
      createdBy: counselor.userId,
    }));
    // A stand-in for src/scheduling/ (due-source.ts): the reminders in the window.
    const source = {
      dueBetween: async (_db: unknown, window: { from: Date; to: Date }) => due.filter((o) => o.remindAt >= window.from && o.remindAt < window.to),
    };
    const noon = new Date("2026-12-08T12:00:00Z");
    const first = await scanDueReminders(t.db, source, noon, { lookbackMs: 2 * 86_400_000, perTransaction: 1 });
    const second = await scanDueReminders(t.db, source, noon, { lookbackMs: 2 * 86_400_000, perTransaction: 1 });
    expect(first).toEqual({ seen: 2, queued: 2 });
    expect(second).toEqual({ seen: 2, queued: 0 });
    const rows = await t.db.select({ jobKey: messages.jobKey }).from(messages).where(eq(messages.kind, "something_new"));
    expect(rows.filter((r) => r.jobKey.startsWith("reminder:")).map((r) => r.jobKey).sort()).toEqual([
      "reminder:assignment:00000000-0000-4000-8000-0000000000aa:2026-12-07",
      "reminder:assignment:00000000-0000-4000-8000-0000000000aa:2026-12-08",
    ]);
  });
});
