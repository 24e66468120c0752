import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, checkinAdministrations, checkinSchedules, clients, users } from "@/db/schema";
import { getBundledInstrument } from "@/content/instruments";
import { rciParametersFor } from "@/checkins/rci";
import { executeAction } from "@/lib/action-core";
import { changeFor } from "@/outcomes/verdict";
import { saveAlertPreferences, saveAlertPreferencesSpec } from "./alert-preferences";
import { scanMissedAlerts } from "./counselor-alerts";
import { scanDeteriorationAlerts } from "./deterioration";
import { messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { scheduledWorkSource } from "./due-source";
import { wallClockParts } from "@/lib/local-date";
import { isQuiet } from "./quiet-hours";
import { scanDueReminders } from "./reminders";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server";
import { startWorker, type RunningWorker } from "./worker";

let t: TestDatabase;
let orgId: string;
let counselorId: string;
let counselor: Awaited<ReturnType<typeof createUser>>;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Reminders org");
  counselor = await createUser(t.db, orgId, { name: "Casey Counselor" });
  counselorId = counselor.userId;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A client in care with an address, a zone, a preferred hour and (unless told) consent on record. */
async function person(options: { timeZone: string; preferredHour?: number; consent?: "granted" | "withdrawn" | "none" }) {
  n++;
  const [c] = await t.db
    .insert(clients)
    .values({ organisationId: orgId, name: `Client Person ${String.fromCharCode(65 + (n % 26))}x`, recordNumber: `REM-${n}`, recoveryFocus: "both", status: "active", primaryCounselorId: counselorId, startDate: "2026-01-01", timeZone: options.timeZone })
    .returning({ id: clients.id });
  const email = `client-${n}@mail.test`;
  const [r] = await t.db
    .insert(messageRecipients)
    .values({ organisationId: orgId, clientId: c!.id, email, timeZone: options.timeZone, preferredHour: options.preferredHour ?? 9 })
    .returning({ id: messageRecipients.id });
  const consent = options.consent ?? "granted";
  if (consent !== "none") {
    await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: true, recordedBy: counselorId, source: "counselor", recordedAt: new Date("2026-01-01T00:00:00Z") });
    if (consent === "withdrawn") await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: false, source: "unsubscribe_link", recordedAt: new Date("2026-01-02T00:00:00Z") });
  }
  return { clientId: c!.id, email };
}

async function assign(clientId: string, cadence: { kind: "daily" | "weekly" }, startDate: string, endDate: string | null = null) {
  const [a] = await t.db
    .insert(assignments)
    .values({ organisationId: orgId, clientId, exerciseId: "thought-record", exerciseVersion: 1, cadence, startDate, endDate, createdBy: counselorId, createdAt: new Date("2026-01-01T00:00:00Z") })
    .returning({ id: assignments.id });
  return a!.id;
}

const keysFor = async (sourceId: string) =>
  (await t.db.select({ jobKey: messages.jobKey, kind: messages.kind, state: messages.state, sendAfter: messages.sendAfter }).from(messages).where(like(messages.jobKey, `%:${sourceId}:%`))).sort((a, b) =>
    a.jobKey.localeCompare(b.jobKey),
  );

describe("reminders from the shared scheduling module, through the worker to a real SMTP server", () => {
  let smtp: TestSmtpServer;
  let worker: RunningWorker;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const url = t.driver === "postgres" ? Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${t.name}` }).toString() : undefined;
    worker = await startWorker(t, { env: { SMTP_URL: smtp.url, MAIL_FROM: "The team <no-reply@clinic.test>", NODE_ENV: "test" }, databaseUrl: url, pollingIntervalSeconds: 0.5, schedule: false, log: () => {} });
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
  });

  async function mailTo(address: string, count: number) {
    const until = Date.now() + 20_000;
    for (;;) {
      const mine = smtp.received.filter((m) => m.envelopeTo.includes(address));
      if (mine.length >= count || Date.now() > until) return mine;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it("a weekly assignment: one reminder per due date, however often the scan runs; withdrawn consent sends nothing", async () => {
    const consenting = await person({ timeZone: "UTC" });
    const withdrawn = await person({ timeZone: "UTC", consent: "withdrawn" });
    const weekly = await assign(consenting.clientId, { kind: "weekly" }, "2026-11-02");
    const other = await assign(withdrawn.clientId, { kind: "weekly" }, "2026-11-02");
    // Scans every 15 minutes through three Mondays' mornings (09:00 is the preferred hour), twice over.
    for (let pass = 0; pass < 2; pass++) {
      for (const day of ["2026-11-02", "2026-11-09", "2026-11-16"]) {
        for (const time of ["08:45", "09:00", "09:15", "09:30", "12:00"]) await scanDueReminders(t.db, scheduledWorkSource, new Date(`${day}T${time}:00Z`));
      }
    }
    expect((await keysFor(weekly)).map((r) => [r.jobKey, r.kind])).toEqual(
      ["2026-11-02", "2026-11-09", "2026-11-16"].map((d) => [`reminder:assignment:${weekly}:${d}`, "something_new"]),
    );
    const refused = await keysFor(other);
    expect(refused.map((r) => r.state)).toEqual(["suppressed", "suppressed", "suppressed"]);
    const mail = await mailTo(consenting.email, 3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.filter((m) => m.envelopeTo.includes(consenting.email))).toHaveLength(3);
    expect(mail[0]!.parsed.subject).toBe("Something new is waiting for you");
    const whole = mail.map((m) => `${m.parsed.subject} ${m.parsed.text}`).join(" ").toLowerCase();
    for (const word of ["thought", "client person", "exercise", "score"]) expect(whole).not.toContain(word);
    expect(smtp.received.filter((m) => m.envelopeTo.includes(withdrawn.email))).toHaveLength(0);
  });

  it("a check-in: one reminder when it opens and one on its last open day", async () => {
    const p = await person({ timeZone: "UTC" });
    const [s] = await t.db
      .insert(checkinSchedules)
      .values({ organisationId: orgId, clientId: p.clientId, instrumentUrl: "http://example.org/instrument", cadence: { kind: "weekly" }, startDate: "2026-11-03", expiryDays: 4, createdBy: counselorId, createdAt: new Date("2026-01-01T00:00:00Z") })
      .returning({ id: checkinSchedules.id });
    const id = s!.id;
    for (let day = 3; day <= 9; day++) {
      for (const time of ["09:00", "09:15", "15:00"]) await scanDueReminders(t.db, scheduledWorkSource, new Date(`2026-11-${String(day).padStart(2, "0")}T${time}:00Z`));
    }
    expect((await keysFor(id)).map((r) => [r.jobKey, r.kind])).toEqual([
      [`reminder-expiring:checkin-schedule:${id}:2026-11-03`, "reminder_expiring"],
      [`reminder:checkin-schedule:${id}:2026-11-03`, "something_new"],
    ]);
    const mail = await mailTo(p.email, 2);
    expect(mail.map((m) => m.parsed.subject).sort()).toEqual(["A reminder: something is still waiting for you", "Something new is waiting for you"]);
  });
});

describe("reminders on a fake clock across daylight-saving changes", () => {
  it("work assigned after the day's reminder hour is not reminded of that day (assigning already said so)", async () => {
    const p = await person({ timeZone: "UTC" });
    const [a] = await t.db
      .insert(assignments)
      .values({ organisationId: orgId, clientId: p.clientId, exerciseId: "breathing", exerciseVersion: 1, cadence: { kind: "daily" }, startDate: "2026-11-30", createdBy: counselorId, createdAt: new Date("2026-11-30T12:00:00Z") })
      .returning({ id: assignments.id });
    await scanDueReminders(t.db, scheduledWorkSource, new Date("2026-11-30T12:15:00Z"));
    await scanDueReminders(t.db, scheduledWorkSource, new Date("2026-12-01T09:00:00Z"));
    expect((await keysFor(a!.id)).map((r) => r.jobKey)).toEqual([`reminder:assignment:${a!.id}:2026-12-01`]);
  });

  // Europe/Berlin leaves summer time on 25 October 2026, America/New_York on 1 November 2026.
  for (const { zone, from } of [
    { zone: "Europe/Berlin", from: "2026-10-22" },
    { zone: "America/New_York", from: "2026-10-29" },
  ]) {
    it(`${zone}: a daily exercise, the clock walked every 15 minutes for a week over the change, each reminder once at 18:00 local`, async () => {
      const day = (i: number) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
      const p = await person({ timeZone: zone, preferredHour: 18 });
      const id = await assign(p.clientId, { kind: "daily" }, day(1), day(7));
      const start = Date.parse(`${from}T00:00:00Z`);
      const end = start + 9 * 86_400_000;
      for (let at = start; at < end; at += 15 * 60_000) await scanDueReminders(t.db, scheduledWorkSource, new Date(at));
      const rows = await keysFor(id);
      // Every day from the first to the last, once, in order (no day lost or doubled by the change).
      expect(rows.map((r) => r.jobKey.split(":").at(-1))).toEqual([1, 2, 3, 4, 5, 6, 7].map(day));
      for (const row of rows) {
        const local = wallClockParts(row.sendAfter, zone);
        // Sent at the preferred hour on the person's clock, on the day it is about, never in quiet hours.
        expect(`${row.jobKey} ${local.hour}:${local.minute}`).toBe(`${row.jobKey} 18:0`);
        expect(isQuiet(local.hour)).toBe(false);
        expect(`${local.year}-${String(local.month).padStart(2, "0")}-${String(local.day).padStart(2, "0")}`).toBe(row.jobKey.split(":").at(-1));
        expect(row.state).toBe("queued");
      }
    }, 300_000);
  }
});

describe("counselor alerts: missed in a row and reliable deterioration, as the counselor chose", () => {
  const alertsFor = (clientId: string, kind: "missed_alert" | "deterioration_alert") =>
    t.db.select().from(messages).where(and(eq(messages.clientId, clientId), eq(messages.kind, kind)));

  it("two due items missed in a row tell the primary counselor once, with initials and a sign-in link only", async () => {
    const p = await person({ timeZone: "UTC" });
    await assign(p.clientId, { kind: "daily" }, "2026-11-20");
    // The 20th is due (today) only: nothing yet. On the 22nd, the 20th and 21st are missed.
    await scanMissedAlerts(t.db, new Date("2026-11-20T12:00:00Z"));
    expect(await alertsFor(p.clientId, "missed_alert")).toHaveLength(0);
    await scanMissedAlerts(t.db, new Date("2026-11-22T12:00:00Z"));
    await scanMissedAlerts(t.db, new Date("2026-11-23T12:00:00Z"));
    const rows = await alertsFor(p.clientId, "missed_alert");
    expect(rows.map((r) => r.jobKey)).toEqual([`missed:${p.clientId}:2026-11-20`]);
    const [row] = rows;
    expect(row!.recipient).toBe(counselor.email);
    const [c] = await t.db.select({ name: clients.name }).from(clients).where(eq(clients.id, p.clientId));
    expect(row!.subject).toContain("(C.");
    const whole = `${row!.subject} ${row!.bodyText}`.toLowerCase();
    for (const word of [c!.name.toLowerCase(), "thought", "exercise", "score"]) expect(whole).not.toContain(word);
    expect(row!.bodyText).toContain(`/clients/${p.clientId}`);
  });

  it("a counselor who turned an alert off on their profile does not get it; the choice goes through the action helper", async () => {
    const outcome = await executeAction(t.db, counselor, saveAlertPreferencesSpec, saveAlertPreferences, { deterioration: "on" }, testMeta);
    expect(outcome.kind).toBe("ok");
    const p = await person({ timeZone: "UTC" });
    await assign(p.clientId, { kind: "daily" }, "2026-11-20");
    await scanMissedAlerts(t.db, new Date("2026-11-23T12:00:00Z"));
    expect(await alertsFor(p.clientId, "missed_alert")).toHaveLength(0);
    await executeAction(t.db, counselor, saveAlertPreferencesSpec, saveAlertPreferences, { deterioration: "on", missedInARow: "on" }, testMeta);
    await scanMissedAlerts(t.db, new Date("2026-11-23T12:00:00Z"));
    expect(await alertsFor(p.clientId, "missed_alert")).toHaveLength(1);
  });

  it("a reliable deterioration tells the counselor once, for the check-in that crossed, not for the next one still worse", async () => {
    const instrument = (await getBundledInstrument("https://attune.health/fhir/Questionnaire/attune-numbness"))!;
    const params = await rciParametersFor(t.db, orgId, instrument);
    const worse = instrument.scoring.direction === "higher_is_worse" ? 1 : -1;
    const baseline = worse > 0 ? 5 : 60;
    let post = baseline;
    while (changeFor(instrument, params, baseline, post).verdict !== "deteriorated") post += worse;
    const p = await person({ timeZone: "UTC" });
    const record = async (total: number, at: string) => {
      n++;
      const [a] = await t.db
        .insert(checkinAdministrations)
        .values({ organisationId: orgId, clientId: p.clientId, instrumentUrl: instrument.url, instrumentVersion: instrument.version, mode: "in_session", answers: {}, status: "complete", total, answered: 1, expected: 1, administeredAt: new Date(at), idempotencyKey: `det-${n}` })
        .returning({ id: checkinAdministrations.id });
      return a!.id;
    };
    await record(baseline, "2026-11-10T10:00:00Z");
    await record(baseline + worse, "2026-11-17T10:00:00Z");
    const crossed = await record(post, "2026-11-24T10:00:00Z");
    await scanDeteriorationAlerts(t.db, new Date("2026-11-24T10:15:00Z"));
    await record(post + worse, "2026-12-01T10:00:00Z");
    await scanDeteriorationAlerts(t.db, new Date("2026-12-01T10:15:00Z"));
    await scanDeteriorationAlerts(t.db, new Date("2026-12-01T10:30:00Z"));
    const rows = await alertsFor(p.clientId, "deterioration_alert");
    expect(rows.map((r) => r.jobKey)).toEqual([`deterioration:${crossed}`]);
    // Nothing but the initials and the link: no instrument, no score.
    expect(`${rows[0]!.subject} ${rows[0]!.bodyText}`.replace(/https?:\/\/\S+/g, "")).not.toMatch(/numbness|score|\d{2,}/i);
    const [u] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, counselorId));
    expect(rows[0]!.recipient).toBe(u!.email);
  });
});
