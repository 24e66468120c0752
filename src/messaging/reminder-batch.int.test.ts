import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, assignments, clients, portalLinks } from "@/db/schema";
import { messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { onQuery } from "@/db/client";
import { createOrganisation, createUser } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { messageClients } from "./client-messages";
import { scheduledWorkSource } from "./due-source";
import { scanDueReminders } from "./reminders";

// The reminder scan writes a group of reminders set-wise: the same statements for 3 reminders as
// for 40 (issue 17's 20,000-client scan in under 5 s depends on it), and each reminder still ends
// as its own message, private link and audit event, with consent and language its person's own.

let t: TestDatabase;
let orgId: string;
let counselorId: string;
let n = 0;
const previousLog = process.env.ATTUNE_QUERY_LOG;

beforeAll(async () => {
  // Statements are reported only for a database opened with the variable set.
  process.env.ATTUNE_QUERY_LOG = "1";
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Batch reminders org");
  counselorId = (await createUser(t.db, orgId, { name: "Casey Counselor" })).userId;
}, 120_000);
afterAll(async () => {
  await t?.close();
  if (previousLog === undefined) delete process.env.ATTUNE_QUERY_LOG;
  else process.env.ATTUNE_QUERY_LOG = previousLog;
});

type Consent = "granted" | "withdrawn" | "none";

/** A client in care, with an address, a preferred hour, a consent and a language, and a weekly exercise from Monday 2 November 2026. */
async function clientWithWeeklyWork(preferredHour: number, consent: Consent, language = "en") {
  n++;
  const [c] = await t.db
    .insert(clients)
    .values({ organisationId: orgId, name: `Batch Person ${n}`, recordNumber: `BATCH-${n}`, recoveryFocus: "both", status: "active", primaryCounselorId: counselorId, startDate: "2026-01-01", timeZone: "UTC", language })
    .returning({ id: clients.id });
  const [r] = await t.db
    .insert(messageRecipients)
    .values({ organisationId: orgId, clientId: c!.id, email: `batch-${n}@mail.test`, timeZone: "UTC", preferredHour })
    .returning({ id: messageRecipients.id });
  if (consent !== "none") {
    await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: true, recordedBy: counselorId, source: "counselor", recordedAt: new Date("2026-01-01T00:00:00Z") });
    if (consent === "withdrawn") await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: false, source: "unsubscribe_link", recordedAt: new Date("2026-01-02T00:00:00Z") });
  }
  await t.db
    .insert(assignments)
    .values({ organisationId: orgId, clientId: c!.id, exerciseId: "thought-record", exerciseVersion: 1, cadence: { kind: "weekly" }, startDate: "2026-11-02", createdBy: counselorId, createdAt: new Date("2026-01-01T00:00:00Z") });
  return { clientId: c!.id, consent, language };
}

async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const stop = onQuery(() => count++);
  try {
    await work();
  } finally {
    stop();
  }
  return count;
}

describe("the reminder scan, set-wise", () => {
  it("writes 3 reminders and 40 reminders with the same statements, each its own message, link and audit event", async () => {
    const few = [await clientWithWeeklyWork(9, "granted"), await clientWithWeeklyWork(9, "withdrawn"), await clientWithWeeklyWork(9, "none")];
    const consents: Consent[] = ["granted", "granted", "granted", "withdrawn", "none"];
    const many = [];
    for (let i = 0; i < 40; i++) many.push(await clientWithWeeklyWork(10, consents[i % consents.length]!, i % 4 === 0 ? "es" : "en"));

    const fewStatements = await statementsOf(() => scanDueReminders(t.db, scheduledWorkSource, new Date("2026-11-02T09:05:00Z")));
    let queued = 0;
    const manyStatements = await statementsOf(async () => ({ queued } = await scanDueReminders(t.db, scheduledWorkSource, new Date("2026-11-02T10:05:00Z"))));
    // Per reminder, the old path sent about ten statements: 40 reminders were 400.
    expect(manyStatements).toBe(fewStatements);
    expect(manyStatements).toBeLessThan(25);
    expect(queued).toBe(many.filter((p) => p.consent === "granted").length);

    for (const p of [...few, ...many]) {
      const mine = await t.db
        .select({ id: messages.id, state: messages.state, reason: messages.reason, subject: messages.subject, jobKey: messages.jobKey })
        .from(messages)
        .where(eq(messages.clientId, p.clientId));
      expect(mine, p.clientId).toHaveLength(1);
      const [m] = mine;
      expect(m!.jobKey).toMatch(/^reminder:assignment:[0-9a-f-]+:2026-11-02$/);
      if (p.consent === "granted") {
        expect(m!.state).toBe("queued");
        expect(m!.subject).toBe(p.language === "es" ? "Tiene algo nuevo esperándole" : "Something new is waiting for you");
      } else {
        expect(m!.state).toBe("suppressed");
        expect(m!.reason).toBe(p.consent === "withdrawn" ? "Consent to reminders withdrawn" : "No consent to reminders on record");
      }
      // A private link only for a message that goes out, one per message.
      const links = await t.db.select({ id: portalLinks.id }).from(portalLinks).where(eq(portalLinks.clientId, p.clientId));
      expect(links).toHaveLength(p.consent === "granted" ? 1 : 0);
      const audits = await t.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "message"), eq(auditEvents.entityId, m!.id)));
      expect(audits.map((a) => a.action)).toEqual([p.consent === "granted" ? "message.queue" : "message.suppress"]);
    }

    // Again: nothing new, no new links.
    const again = await scanDueReminders(t.db, scheduledWorkSource, new Date("2026-11-02T10:20:00Z"));
    expect(again.queued).toBe(0);
    const all = await t.db.select({ id: portalLinks.id }).from(portalLinks).where(inArray(portalLinks.clientId, many.map((p) => p.clientId)));
    expect(all).toHaveLength(many.filter((p) => p.consent === "granted").length);
  });

  it("finds the due work once per scan, however many groups it writes", async () => {
    // Finding the due reminders reads every active assignment and schedule. The scan once asked
    // for them a page of 5,000 at a time, and each page read them all again (10,000 due: three
    // readings). The last half hour only, so that the earlier tests' reminders stay out.
    for (let i = 0; i < 12; i++) await clientWithWeeklyWork(12, "granted");
    let asked = 0;
    const counting = { dueBetween: (db: Parameters<typeof scheduledWorkSource.dueBetween>[0], window: { from: Date; to: Date }) => (asked++, scheduledWorkSource.dueBetween(db, window)) };
    const { queued } = await scanDueReminders(t.db, counting, new Date("2026-11-02T12:05:00Z"), { perTransaction: 4, lookbackMs: 30 * 60_000 });
    expect(queued).toBe(12);
    expect(asked).toBe(1);
  });

  it("the same job key twice in one batch makes one message: the first is created, the second finds it", async () => {
    const p = await clientWithWeeklyWork(11, "granted");
    const request = { organisationId: orgId, clientId: p.clientId, contactId: null, kind: "portal_link" as const, jobKey: `link-now:batch-${p.clientId}`, actor: { kind: "system" as const }, linkCreatedBy: counselorId, now: new Date("2026-11-02T11:00:00Z") };
    const [first, second] = await t.db.transaction((tx) => messageClients(tx, [request, request]));
    expect(first).toMatchObject({ created: true, state: "queued" });
    expect(second).toMatchObject({ id: first!.id, created: false });
    expect(await t.db.select({ id: portalLinks.id }).from(portalLinks).where(eq(portalLinks.clientId, p.clientId))).toHaveLength(1);
    expect(await t.db.select({ id: messages.id }).from(messages).where(eq(messages.jobKey, request.jobKey))).toHaveLength(1);
  });
});
