import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, clients, portalLinks } from "@/db/schema";
import { messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { createOrganisation, createUser } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { scheduledWorkSource } from "./due-source";
import { scanDueReminders } from "./reminders";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server";
import { startWorker, type RunningWorker } from "./worker";

/**
 * Two workers on one PostgreSQL (as two app instances, or `npm run worker` twice): both scan for
 * reminders at the same moment and both deliver; the SMTP server must see each reminder once.
 * PostgreSQL only (TEST_DATABASE_URL): PGlite is one process's database.
 */
const postgres = process.env.ATTUNE_TEST_DRIVER === "postgres";
const N = 12;

describe.runIf(postgres)("two workers on one PostgreSQL", () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  const workers: RunningWorker[] = [];
  let orgId: string;
  let counselorId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    orgId = await createOrganisation(t.db, "Two workers org");
    counselorId = (await createUser(t.db, orgId)).userId;
    smtp = await startTestSmtpServer();
    const url = Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${t.name}` }).toString();
    for (let i = 0; i < 2; i++) {
      workers.push(await startWorker(t, { env: { SMTP_URL: smtp.url, MAIL_FROM: "The team <no-reply@clinic.test>", NODE_ENV: "test" }, databaseUrl: url, pollingIntervalSeconds: 0.5, schedule: false, log: () => {} }));
    }
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await smtp?.close();
    await t?.close();
  });

  it(`${N} due reminders, scanned by both at once and delivered by both: each sent exactly once`, async () => {
    for (let i = 0; i < N; i++) {
      const [c] = await t.db
        .insert(clients)
        .values({ organisationId: orgId, name: `Two Workers ${i}`, recordNumber: `TW-${i}`, recoveryFocus: "both", status: "active", primaryCounselorId: counselorId, startDate: "2026-01-01", timeZone: "UTC" })
        .returning({ id: clients.id });
      const [r] = await t.db.insert(messageRecipients).values({ organisationId: orgId, clientId: c!.id, email: `two-${i}@mail.test`, timeZone: "UTC", preferredHour: 9 }).returning({ id: messageRecipients.id });
      await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: true, recordedBy: counselorId, source: "counselor" });
      await t.db.insert(assignments).values({ organisationId: orgId, clientId: c!.id, exerciseId: "breathing", exerciseVersion: 1, cadence: { kind: "weekly" }, startDate: "2026-11-02", createdBy: counselorId, createdAt: new Date("2026-01-01T00:00:00Z") });
    }
    const now = new Date("2026-11-02T09:05:00Z");
    // Both instances' scans at the same moment (a schedule fires once, but a manual run or a
    // restart can overlap one), twice over, on separate connections of the pool.
    const results = await Promise.all([0, 1, 0, 1].map(() => scanDueReminders(t.db, scheduledWorkSource, now)));
    expect(results.reduce((sum, r) => sum + r.queued, 0)).toBe(N);
    await Promise.all(workers.map((w) => w.sweep()));
    const until = Date.now() + 30_000;
    const mine = () => smtp.received.filter((m) => m.envelopeTo.some((to) => to.startsWith("two-")));
    while (mine().length < N && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await Promise.all(workers.map((w) => w.sweep()));
    await new Promise((r) => setTimeout(r, 2000));
    const received = mine();
    expect(received).toHaveLength(N);
    expect(new Set(received.flatMap((m) => m.envelopeTo)).size).toBe(N);
    const rows = await t.db.select({ state: messages.state, attempts: messages.attempts }).from(messages).where(like(messages.jobKey, "reminder:assignment:%"));
    expect(rows).toHaveLength(N);
    for (const row of rows) expect(row).toEqual({ state: "sent", attempts: 1 });
    // No private link issued for a reminder that was not sent.
    expect(await t.db.$count(portalLinks)).toBe(N);
  }, 120_000);
});
