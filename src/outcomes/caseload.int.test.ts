import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { clearRciCache } from "@/checkins/rci";
import { checkinAdministrations, clients, criticalAlerts, expectedRecoveryFits, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { listCaseload } from "./caseload";
import type { CurveFit } from "./expected-recovery/model";
import { clearExpectedRecoveryCache } from "./expected-recovery/store";
import { NUMBNESS_URL, teamOutcomes } from "./team";

const DAY = 86_400_000;
let t: TestDatabase;
const actors: Record<string, Actor> = {};
const ids: Record<string, string> = {};

async function checkIn(record: string, daysAgo: number, total: number) {
  const [row] = await t.db
    .insert(checkinAdministrations)
    .values({
      organisationId: actors.counselor!.organisationId,
      clientId: ids[record]!,
      instrumentUrl: NUMBNESS_URL,
      instrumentVersion: "1.0.0",
      mode: "in_session",
      answers: {},
      status: "complete",
      total,
      bandLabel: total < 8 ? "Low" : total < 16 ? "Some" : total < 24 ? "Marked" : "Severe",
      bandSeverity: Math.min(3, Math.floor(total / 8)),
      answered: 8,
      expected: 8,
      administeredAt: new Date(Date.now() - daysAgo * DAY),
      idempotencyKey: `${record}-${daysAgo}`,
    })
    .returning({ id: checkinAdministrations.id });
  return row!.id;
}

async function alert(record: string, administrationId: string) {
  await t.db.insert(criticalAlerts).values({ organisationId: actors.counselor!.organisationId, clientId: ids[record]!, administrationId, linkId: "worth", message: "test alert" });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here", checkins: false });
  for (const u of await t.db.select().from(users)) {
    actors[u.email.split("@")[0]!] = { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
  }
  const records = ["RRC-1003", "RRC-1005", "RRC-1007"];
  for (const c of await t.db.select({ id: clients.id, record: clients.recordNumber }).from(clients).where(inArray(clients.recordNumber, records))) ids[c.record] = c.id;
  // RRC-1003: from 6 to 28 with an open alert. RRC-1005: an open alert, steady. RRC-1007: improving, checked in today.
  await checkIn("RRC-1003", 30, 6);
  await alert("RRC-1003", await checkIn("RRC-1003", 2, 28));
  await checkIn("RRC-1005", 30, 12);
  await alert("RRC-1005", await checkIn("RRC-1005", 1, 13));
  await checkIn("RRC-1007", 40, 28);
  await checkIn("RRC-1007", 0, 4);
  await t.db.update(clients).set({ status: "active" }).where(inArray(clients.id, Object.values(ids)));
  await clearRciCache(t.db);
});
afterAll(async () => {
  await clearExpectedRecoveryCache();
  await t?.close();
});

describe(`caseload triage (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("puts the client with an open critical alert and reliable deterioration first", async () => {
    const rows = await listCaseload(t.db, actors.counselor!, new Date());
    expect(rows[0]?.id).toBe(ids["RRC-1003"]);
    expect(rows[0]?.flags).toEqual(expect.arrayContaining(["critical_alert", "deterioration"]));
    expect(rows[0]?.verdict).toBe("deteriorated");
    expect(rows[0]?.spark).toEqual([6, 28]);
    expect(rows[0]?.latest).toMatchObject({ total: 28, band: "Severe", severity: 3 });
    expect(rows[1]?.id).toBe(ids["RRC-1005"]);
    const improving = rows.find((r) => r.id === ids["RRC-1007"])!;
    expect(improving.flags).not.toContain("no_checkin");
    expect(improving.daysSinceCheckin).toBe(0);
    expect(["improved", "recovered"]).toContain(improving.verdict);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.urgency).toBeGreaterThanOrEqual(rows[i]!.urgency);
  });

  it("shows another counselor none of these clients", async () => {
    const theirs = await listCaseload(t.db, actors.counselor3!, new Date());
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((r) => Object.values(ids).includes(r.id))).toBe(false);
    const otherOrg = await listCaseload(t.db, actors["other-org"]!, new Date());
    expect(otherOrg.some((r) => Object.values(ids).includes(r.id))).toBe(false);
  });

  it("counts verdicts per counselor and overall for a supervisor", async () => {
    const { counselors, overall } = await teamOutcomes(t.db, actors.supervisor!, "6m", new Date());
    const jordan = counselors.find((c) => c.counselorId === actors.counselor!.userId)!;
    expect(jordan.counts.clients).toBe(3);
    expect(jordan.counts.deteriorated).toBe(1);
    expect(jordan.counts.improved + jordan.counts.recovered).toBe(1);
    expect(overall.clients).toBe(3);
    expect(counselors.some((c) => c.counselorId === actors.counselor3!.userId)).toBe(true);
  });

  it("flags a client beyond the expected recovery band as not on track, naming the fit", async () => {
    // A flat curve: every client is expected at 10 with SD 1, so the band's worse edge is 11.28.
    const zero = [0, 0, 0, 0];
    const fit: CurveFit = {
      beta: [10, 0, 0, 0], betaCovariance: [zero, zero, zero, zero], randomCovariance: [[0, 0], [0, 0]], residualVariance: 1, centre: 10,
      baselineRange: [0, 32], horizonWeeks: 52, nClients: 100, nScores: 1000, reml: 0, converged: true,
    };
    await clearExpectedRecoveryCache();
    const [row] = await t.db
      .insert(expectedRecoveryFits)
      .values({ organisationId: actors.counselor!.organisationId, instrumentUrl: NUMBNESS_URL, instrumentVersion: "1.0.0", fittedAt: new Date(Date.now() + 60_000), dataCutoff: new Date(), parameters: fit, nClients: 100, nScores: 1000, durationMs: 1, trigger: "admin" })
      .returning({ id: expectedRecoveryFits.id });
    await clearExpectedRecoveryCache();
    const rows = await listCaseload(t.db, actors.counselor!, new Date());
    const steady = rows.find((r) => r.id === ids["RRC-1005"])!;
    expect(steady.flags).toEqual(["critical_alert", "not_on_track"]);
    expect(steady.notOnTrack?.fitId).toBe(row!.id);
    expect(steady.notOnTrack?.strength).toBeCloseTo(13 - 11.2816, 3);
    expect(rows.find((r) => r.id === ids["RRC-1007"])!.flags).not.toContain("not_on_track");

    const { overall } = await teamOutcomes(t.db, actors.supervisor!, "6m", new Date());
    expect(overall).toMatchObject({ tracked: 3, notOnTrack: 2 });
  });
});
