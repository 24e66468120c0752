import { and, asc, count, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkinAdministrations, checkinSchedules, clients, criticalAlerts, supportContacts, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { seedDemoCheckins } from "@/db/seed/demo-checkins";
import type { SeededClient } from "@/db/seed/demo-clients";
import type { AnswerValue } from "@/instruments/fhir-schema";
import { scoreResponse } from "@/instruments/scoring";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { instrumentVersions } from "./instruments";

let t: TestDatabase;
let organisationId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const outcome = await seedDemo(t.db, { password: "unused-here" });
  organisationId = outcome.organisationId;
  // Until the demo seed calls it itself, seed the check-ins from what the demo seed made.
  const [already] = await t.db.select({ n: count() }).from(checkinAdministrations);
  if (already!.n === 0) {
    const people = await t.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.organisationId, organisationId));
    const keyOf = new Map(people.map((p) => [p.id, p.email.split("@")[0]!]));
    const userIds = new Map(people.map((p) => [p.email.split("@")[0]!, p.id]));
    const rows = await t.db.select().from(clients).where(eq(clients.organisationId, organisationId)).orderBy(asc(clients.recordNumber));
    const seeded: SeededClient[] = rows.map((c) => ({ id: c.id, counselorKey: keyOf.get(c.primaryCounselorId)!, status: c.status, startDate: c.startDate, timeZone: c.timeZone }));
    await t.db.transaction((tx) => seedDemoCheckins(tx, organisationId, seeded, userIds));
  }
}, 120_000);
afterAll(async () => t?.close());

describe(`the demo check-ins (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("stores scores that match their answers, for up to a year of weekly check-ins", async () => {
    const rows = await t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.organisationId, organisationId));
    expect(rows.length).toBeGreaterThan(1000);
    const instruments = await instrumentVersions(t.db, organisationId, rows.map((r) => ({ url: r.instrumentUrl, version: r.instrumentVersion })));
    for (const r of rows) {
      const again = scoreResponse(instruments.get(`${r.instrumentUrl}|${r.instrumentVersion}`)!, r.answers as Record<string, AnswerValue>);
      expect([r.status, r.total, r.bandLabel, r.answered, r.expected]).toEqual([again.status, again.total, again.band?.label ?? null, again.answered, again.expected]);
    }
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses.has("prorated")).toBe(true);
    const titles = new Set(rows.map((r) => r.instrumentUrl.split("/").pop()));
    expect(titles).toEqual(new Set(["attune-numbness", "attune-empathy-connection", "attune-detachment-profile", "attune-family-wellbeing"]));
    const portal = rows.filter((r) => r.mode === "portal");
    expect(portal.every((r) => r.scheduleId !== null)).toBe(true);
    const schedules = new Set((await t.db.select({ id: checkinSchedules.id }).from(checkinSchedules)).map((s) => s.id));
    expect(portal.every((r) => schedules.has(r.scheduleId!))).toBe(true);
  });

  it("has clients who improve, stay flat and deteriorate, with one open alert for counselor@'s worsening client", async () => {
    const numbness = await t.db
      .select({ clientId: checkinAdministrations.clientId, total: checkinAdministrations.total })
      .from(checkinAdministrations)
      .where(and(eq(checkinAdministrations.instrumentUrl, "https://attune.health/fhir/Questionnaire/attune-numbness"), eq(checkinAdministrations.organisationId, organisationId)))
      .orderBy(asc(checkinAdministrations.administeredAt));
    // The current clients only: the past, discharged clients of demo-history.ts have their own mix of courses.
    const past = new Set((await t.db.select({ id: clients.id }).from(clients).where(like(clients.recordNumber, "RRC-2%"))).map((c) => c.id));
    const byClient = new Map<string, number[]>();
    for (const r of numbness) if (r.total !== null && !past.has(r.clientId)) byClient.set(r.clientId, [...(byClient.get(r.clientId) ?? []), r.total]);
    const change = [...byClient.entries()].filter(([, s]) => s.length >= 8).map(([id, s]) => ({ id, delta: s.slice(-3).reduce((a, b) => a + b) / 3 - s.slice(0, 3).reduce((a, b) => a + b) / 3 }));
    expect(change.filter((c) => c.delta <= -6).length).toBeGreaterThanOrEqual(5);
    expect(change.filter((c) => Math.abs(c.delta) < 4).length).toBeGreaterThanOrEqual(3);
    const worse = change.filter((c) => c.delta >= 6);
    expect(worse.length).toBeGreaterThanOrEqual(1);
    expect(worse.length).toBeLessThanOrEqual(2);

    const open = await t.db.select().from(criticalAlerts).where(and(eq(criticalAlerts.organisationId, organisationId), isNull(criticalAlerts.acknowledgedAt)));
    expect(open).toHaveLength(1);
    const [owner] = await t.db.select({ email: users.email }).from(clients).innerJoin(users, eq(users.id, clients.primaryCounselorId)).where(eq(clients.id, open[0]!.clientId));
    expect(owner!.email).toBe("counselor@attune.demo");
    expect(worse.map((w) => w.id)).toContain(open[0]!.clientId);
  });

  it("has monthly counselor-rated profiles and a few family check-ins by Marisol Abbott", async () => {
    const [marisol] = await t.db.select().from(supportContacts).where(eq(supportContacts.name, "Marisol Abbott"));
    const family = await t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.contactId, marisol!.id));
    expect(family.length).toBeGreaterThanOrEqual(4);
    expect(family.every((f) => f.instrumentUrl.endsWith("attune-family-wellbeing") && f.clientId === marisol!.clientId)).toBe(true);
    const profiles = await t.db
      .select({ mode: checkinAdministrations.mode, by: checkinAdministrations.administeredBy })
      .from(checkinAdministrations)
      .where(eq(checkinAdministrations.instrumentUrl, "https://attune.health/fhir/Questionnaire/attune-detachment-profile"));
    expect(profiles.length).toBeGreaterThan(100);
    expect(profiles.every((p) => p.mode === "in_session" && p.by !== null)).toBe(true);
  });
});
