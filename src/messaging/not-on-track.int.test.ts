import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBundledInstrument } from "@/content/instruments";
import { auditEvents, checkinAdministrations, clients, expectedRecoveryFits } from "@/db/schema";
import { messages } from "@/db/schema/messages";
import type { Instrument } from "@/instruments/fhir-schema";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import type { CurveFit } from "@/outcomes/expected-recovery/model";
import { alertsByFit, clearExpectedRecoveryCache, latestFit } from "@/outcomes/expected-recovery/store";
import { NUMBNESS_URL } from "@/outcomes/team";
import { saveAlertPreferences, saveAlertPreferencesSpec } from "./alert-preferences";
import { notOnTrackJobKey, scanNotOnTrackAlerts } from "./not-on-track";

let t: TestDatabase;
let orgId: string;
let counselor: Awaited<ReturnType<typeof createUser>>;
let numbness: Instrument;
let n = 0;
let firstFitId: string;

// A flat curve: every client is expected at 10 with a predictive SD of 1 at every week, so the
// band's worse edge (numbness: higher is worse) is 10 + 1.2816 = 11.28.
const zero = [0, 0, 0, 0];
const flat: CurveFit = {
  beta: [10, 0, 0, 0], betaCovariance: [zero, zero, zero, zero], randomCovariance: [[0, 0], [0, 0]], residualVariance: 1, centre: 10,
  baselineRange: [0, 32], horizonWeeks: 52, nClients: 100, nScores: 1000, reml: 0, converged: true,
};

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Not on track org");
  counselor = await createUser(t.db, orgId, { name: "Casey Counselor" });
  numbness = (await getBundledInstrument(NUMBNESS_URL))!;
  expect(numbness.scoring.direction).toBe("higher_is_worse");
  await clearExpectedRecoveryCache();
  // Fitted "in the future", so no background refit replaces it during the test.
  const [fit] = await t.db.insert(expectedRecoveryFits).values({
    organisationId: orgId, instrumentUrl: numbness.url, instrumentVersion: numbness.version, fittedAt: new Date(Date.now() + 3_600_000), dataCutoff: new Date(),
    parameters: flat, nClients: 100, nScores: 1000, durationMs: 1, trigger: "admin",
  }).returning({ id: expectedRecoveryFits.id });
  firstFitId = fit!.id;
}, 120_000);
afterAll(async () => {
  await clearExpectedRecoveryCache();
  await t?.close();
});

async function client() {
  n++;
  const [c] = await t.db
    .insert(clients)
    .values({ organisationId: orgId, name: `Robin Quarry${"abcdefgh"[n]}`, recordNumber: `NOT-${n}`, recoveryFocus: "both", status: "active", primaryCounselorId: counselor.userId, startDate: "2026-01-01", timeZone: "UTC" })
    .returning({ id: clients.id });
  const record = async (total: number, at: string) => {
    const [a] = await t.db
      .insert(checkinAdministrations)
      .values({ organisationId: orgId, clientId: c!.id, instrumentUrl: numbness.url, instrumentVersion: numbness.version, mode: "in_session", answers: {}, status: "complete", total, answered: 1, expected: 1, administeredAt: new Date(at), idempotencyKey: `not-on-track-${n}-${at}` })
      .returning({ id: checkinAdministrations.id });
    // The worker scans a quarter of an hour later, and again (a repeated scan sends nothing twice).
    const later = new Date(Date.parse(at) + 15 * 60_000);
    await scanNotOnTrackAlerts(t.db, later);
    await scanNotOnTrackAlerts(t.db, new Date(later.getTime() + 15 * 60_000));
    return a!.id;
  };
  return { id: c!.id, record };
}

const alertsFor = (clientId: string) =>
  t.db.select().from(messages).where(and(eq(messages.clientId, clientId), eq(messages.kind, "not_on_track_alert"))).orderBy(messages.createdAt);

describe("the not-on-track alert", () => {
  it("tells the primary counselor once when a client first falls beyond the band, not again while they stay there, and again after they were back on track", async () => {
    const c = await client();
    await c.record(20, "2026-11-01T10:00:00Z"); // the baseline: no verdict
    await c.record(10, "2026-11-08T10:00:00Z"); // on track
    expect(await alertsFor(c.id)).toHaveLength(0);
    const first = await c.record(14, "2026-11-15T10:00:00Z"); // 2.7 SD beyond: the episode starts
    await c.record(15, "2026-11-22T10:00:00Z"); // still beyond: the same episode
    expect((await alertsFor(c.id)).map((m) => m.jobKey)).toEqual([notOnTrackJobKey(first)]);
    await c.record(11, "2026-11-29T10:00:00Z"); // within the band: the episode ends
    const second = await c.record(13, "2026-12-06T10:00:00Z"); // beyond again: a new episode
    const rows = await alertsFor(c.id);
    expect(rows.map((m) => m.jobKey)).toEqual([notOnTrackJobKey(first), notOnTrackJobKey(second)]);

    // To the counselor; the initials and a sign-in link to the Trends tab, nothing clinical.
    const row = rows[0]!;
    expect(row.recipient).toBe(counselor.email);
    expect(row.subject).toContain("(R.");
    expect(row.bodyText).toContain(`/clients/${c.id}/trends`);
    const words = `${row.subject} ${row.bodyText}`.replace(/https?:\/\/\S+/g, "");
    expect(words).not.toMatch(/robin|quarry|numbness|score|recovery|\d/i);
    expect(row.bodyHtml).not.toMatch(/robin|quarry|numbness|score/i);
  });

  it("does not repeat an episode whose start moved (a refit), and says nothing for a check-in without a curve", async () => {
    const c = await client();
    await c.record(20, "2026-11-01T10:00:00Z");
    const start = await c.record(14, "2026-11-08T10:00:00Z");
    const next = await c.record(15, "2026-11-15T10:00:00Z");
    expect((await alertsFor(c.id)).map((m) => m.jobKey)).toEqual([notOnTrackJobKey(start)]);
    // As if the curve of the time had found the first of these on track: the message names the
    // second. The run, as the current curve sees it, starts earlier but is the same episode.
    await t.db.update(messages).set({ jobKey: notOnTrackJobKey(next) }).where(eq(messages.clientId, c.id));
    await c.record(16, "2026-11-22T10:00:00Z");
    expect((await alertsFor(c.id)).map((m) => m.jobKey)).toEqual([notOnTrackJobKey(next)]);

    // Another check-in with no curve in this organisation: nothing.
    const other = (await getBundledInstrument("https://attune.health/fhir/Questionnaire/attune-empathy-connection"))!;
    const d = await client();
    for (const [total, at] of [[5, "2026-11-01T10:00:00Z"], [30, "2026-11-08T10:00:00Z"]] as const) {
      await t.db.insert(checkinAdministrations).values({ organisationId: orgId, clientId: d.id, instrumentUrl: other.url, instrumentVersion: other.version, mode: "in_session", answers: {}, status: "complete", total, answered: 1, expected: 1, administeredAt: new Date(at), idempotencyKey: `other-${at}` });
      await scanNotOnTrackAlerts(t.db, new Date(Date.parse(at) + 60_000));
    }
    expect(await alertsFor(d.id)).toHaveLength(0);
  });

  it("names in the alert's audit event the fit in force when it was queued; a refit afterwards leaves that as it was", async () => {
    const queuedEvent = async (messageId: string) => {
      const [e] = await t.db.select({ detail: auditEvents.detail }).from(auditEvents).where(and(eq(auditEvents.organisationId, orgId), eq(auditEvents.action, "message.queue"), eq(auditEvents.entityId, messageId)));
      return e!.detail!;
    };
    const c = await client();
    await c.record(20, "2026-11-01T10:00:00Z");
    const inForce = await latestFit(t.db, orgId, numbness);
    expect(inForce?.id).toBe(firstFitId);
    await c.record(14, "2026-11-08T10:00:00Z");
    const [first] = await alertsFor(c.id);
    expect(await queuedEvent(first!.id)).toEqual({ kind: "not_on_track_alert", fitId: firstFitId, fittedAt: inForce!.fittedAt.toISOString() });

    // A refit: a newer fit (same flat curve) takes over.
    const [refit] = await t.db.insert(expectedRecoveryFits).values({
      organisationId: orgId, instrumentUrl: numbness.url, instrumentVersion: numbness.version, fittedAt: new Date(Date.now() + 7_200_000), dataCutoff: new Date(),
      parameters: flat, nClients: 100, nScores: 1000, durationMs: 1, trigger: "scheduled",
    }).returning({ id: expectedRecoveryFits.id, fittedAt: expectedRecoveryFits.fittedAt });
    await clearExpectedRecoveryCache();
    await c.record(15, "2026-11-15T10:00:00Z"); // the same episode: nothing new, nothing rewritten
    await c.record(11, "2026-11-22T10:00:00Z"); // back on track
    await c.record(14, "2026-11-29T10:00:00Z"); // a new episode, on the new fit
    const [again, second] = await alertsFor(c.id);
    expect(again!.id).toBe(first!.id);
    expect((await queuedEvent(first!.id)).fitId).toBe(firstFitId);
    expect(await queuedEvent(second!.id)).toEqual({ kind: "not_on_track_alert", fitId: refit!.id, fittedAt: refit!.fittedAt.toISOString() });
    // The administrator's list of fits counts the alerts each one produced.
    const counts = await alertsByFit(t.db, orgId, [firstFitId, refit!.id], new Date("2026-01-01T00:00:00Z"));
    expect(counts.get(refit!.id)).toBe(1);
    expect(counts.get(firstFitId)).toBeGreaterThanOrEqual(1);
  });

  it("is not sent to a counselor who turned it off on their profile; the choice goes through the action helper", async () => {
    const off = await executeAction(t.db, counselor, saveAlertPreferencesSpec, saveAlertPreferences, { deterioration: "on", missedInARow: "on" }, testMeta);
    expect(off.kind).toBe("ok");
    const c = await client();
    await c.record(20, "2026-11-01T10:00:00Z");
    await c.record(14, "2026-11-08T10:00:00Z");
    expect(await alertsFor(c.id)).toHaveLength(0);
    await executeAction(t.db, counselor, saveAlertPreferencesSpec, saveAlertPreferences, { deterioration: "on", missedInARow: "on", notOnTrack: "on" }, testMeta);
    await c.record(15, "2026-11-15T10:00:00Z");
    // Turned back on mid-episode: told once, naming where the episode started.
    expect(await alertsFor(c.id)).toHaveLength(1);
  });
});
