import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, checkinAdministrations, clients, criticalAlerts, exerciseEntries } from "@/db/schema";
import { messages } from "@/db/schema/messages";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { saveAlertPreferences, saveAlertPreferencesSpec } from "./alert-preferences";
import { alertPreferences } from "./counselor-alerts";
import { lastWeek, scanWeeklySummaries } from "./weekly-summary";

let t: TestDatabase;
let orgId: string;
let counselor: Awaited<ReturnType<typeof createUser>>;
let quiet: Awaited<ReturnType<typeof createUser>>;
let n = 0;

// Monday 7 December 2026, 07:00 UTC: the week summarised is 30 November to 6 December.
const MONDAY = new Date("2026-12-07T07:00:00Z");

async function client(counselorId: string, status: "active" | "on_hold" = "active") {
  n++;
  const [c] = await t.db
    .insert(clients)
    .values({ organisationId: orgId, name: `Quinn Zephyrine ${n}`, recordNumber: `WS-${n}`, recoveryFocus: "trauma", status, primaryCounselorId: counselorId, startDate: "2026-01-01" })
    .returning({ id: clients.id });
  return c!.id;
}

async function checkin(clientId: string, at: string) {
  n++;
  const [a] = await t.db
    .insert(checkinAdministrations)
    .values({ organisationId: orgId, clientId, instrumentUrl: "https://attune.health/fhir/Questionnaire/attune-numbness", instrumentVersion: "1", mode: "in_session", answers: {}, status: "complete", total: 37, answered: 1, expected: 1, administeredAt: new Date(at), idempotencyKey: `ws-${n}` })
    .returning({ id: checkinAdministrations.id });
  return a!.id;
}

async function entry(clientId: string, at: string) {
  n++;
  const [a] = await t.db
    .insert(assignments)
    .values({ organisationId: orgId, clientId, exerciseId: "thought-record", exerciseVersion: 1, cadence: { kind: "daily" }, startDate: "2026-11-01", createdBy: counselor.userId })
    .returning({ id: assignments.id });
  await t.db.insert(exerciseEntries).values({ organisationId: orgId, clientId, assignmentId: a!.id, exerciseId: "thought-record", exerciseVersion: 1, answers: {}, submittedAt: new Date(at), idempotencyKey: `ws-entry-${n}` });
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Weekly org");
  counselor = await createUser(t.db, orgId, { name: "Casey Counselor" });
  quiet = await createUser(t.db, orgId, { name: "Noor Counselor" });
  const a = await client(counselor.userId);
  const b = await client(counselor.userId);
  await client(counselor.userId, "on_hold");
  await client(quiet.userId);
  // In the week: two check-ins and one exercise; outside it, one of each (not counted).
  await checkin(a, "2026-11-30T00:00:00Z");
  const critical = await checkin(b, "2026-12-06T23:59:00Z");
  await checkin(a, "2026-12-07T00:00:00Z");
  await entry(a, "2026-12-02T12:00:00Z");
  await entry(b, "2026-11-29T23:59:00Z");
  await t.db.insert(criticalAlerts).values({ organisationId: orgId, clientId: b, administrationId: critical, linkId: "q9", message: "Thoughts of self-harm" });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const summariesTo = (userId: string) => t.db.select().from(messages).where(eq(messages.userId, userId));

describe("the weekly caseload summary", () => {
  it("the week is the last whole Monday-to-Sunday before the scan", () => {
    expect(lastWeek(MONDAY)).toMatchObject({ from: "2026-11-30", to: "2026-12-06" });
    expect(lastWeek(new Date("2026-12-13T23:00:00Z"))).toMatchObject({ from: "2026-11-30", to: "2026-12-06" });
  });

  it("is off until a counselor asks for it on their profile", async () => {
    expect((await alertPreferences(t.db, counselor.userId)).weeklySummary).toBe(false);
    await scanWeeklySummaries(t.db, MONDAY);
    expect(await summariesTo(counselor.userId)).toHaveLength(0);
  });

  it("counts the counselor's own caseload for last week, names nobody, and goes once per week however often the scan runs", async () => {
    const saved = await executeAction(t.db, counselor, saveAlertPreferencesSpec, saveAlertPreferences, { deterioration: "on", missedInARow: "on", weeklySummary: "on" }, testMeta);
    expect(saved.kind).toBe("ok");
    expect(await scanWeeklySummaries(t.db, MONDAY)).toEqual({ queued: 1 });
    expect(await scanWeeklySummaries(t.db, new Date("2026-12-07T09:00:00Z"))).toEqual({ queued: 0 });
    const [row, ...more] = await summariesTo(counselor.userId);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ kind: "weekly_summary", jobKey: `weekly:${counselor.userId}:2026-11-30`, recipient: counselor.email, clientId: null, state: "queued" });
    const text = row!.bodyText!;
    expect(text).toContain("2 people in care on your caseload");
    expect(text).toContain("2 questionnaires and 1 exercise completed");
    expect(text).toContain("1 answer is waiting for your review");
    expect(text).toMatch(/\/caseload\b/);
    expect(`${row!.subject}\n${text}`).not.toMatch(/Quinn|Zephyrine|Q\.Z\.|self-harm|numbness|thought|37/i);
    // The other counselor did not ask for it.
    expect(await summariesTo(quiet.userId)).toHaveLength(0);
    // The next week makes a new one.
    expect(await scanWeeklySummaries(t.db, new Date("2026-12-14T07:00:00Z"))).toEqual({ queued: 1 });
  });

  it("stops when the counselor turns it off", async () => {
    await executeAction(t.db, counselor, saveAlertPreferencesSpec, saveAlertPreferences, { deterioration: "on", missedInARow: "on" }, testMeta);
    expect((await alertPreferences(t.db, counselor.userId)).weeklySummary).toBe(false);
    expect(await scanWeeklySummaries(t.db, new Date("2026-12-21T07:00:00Z"))).toEqual({ queued: 0 });
  });
});
