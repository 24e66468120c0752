import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { clearRciCache, rciParametersFor } from "@/checkins/rci";
import { getClientForActor } from "@/clients/queries";
import { getBundledInstrument } from "@/content/instruments";
import { checkinAdministrations, clients, expectedRecoveryFits, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { computeChange } from "./change";
import { encodeScores, scoreTable } from "./chart-series";
import type { CurveFit } from "./expected-recovery/model";
import { clearExpectedRecoveryCache } from "./expected-recovery/store";
import { scoreSeries } from "./queries";
import { clientTrends } from "./trends";

const NUMBNESS = "https://attune.health/fhir/Questionnaire/attune-numbness";
const DAY = 86_400_000;
const now = new Date("2026-11-20T12:00:00Z");

let t: TestDatabase;
const actors: Record<string, Actor> = {};
let client: { id: string; timeZone: string };

type Row = typeof checkinAdministrations.$inferInsert;
const row = (organisationId: string, clientId: string, daysAgo: number, total: number | null, key: string): Row => ({
  organisationId,
  clientId,
  instrumentUrl: NUMBNESS,
  instrumentVersion: "1.0.0",
  mode: "portal",
  answers: {},
  status: total === null ? "invalid" : "complete",
  total,
  bandLabel: total === null ? null : total < 8 ? "Low" : total < 16 ? "Some" : total < 24 ? "Marked" : "Severe",
  bandSeverity: total === null ? null : Math.min(3, Math.floor(total / 8)),
  answered: 8,
  expected: 8,
  administeredAt: new Date(now.getTime() - daysAgo * DAY),
  idempotencyKey: key,
});

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here", checkins: false });
  for (const u of await t.db.select().from(users)) {
    actors[u.email.split("@")[0]!] = { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
  }
  const [c] = await t.db.select({ id: clients.id, timeZone: clients.timeZone }).from(clients).where(eq(clients.recordNumber, "RRC-1002"));
  client = c!;
  const org = actors.counselor!.organisationId;
  // 600 daily check-ins, improving from 28 to 6, and an invalid one every 10 days on top.
  const rows: Row[] = [];
  for (let i = 600; i >= 1; i--) rows.push(row(org, client.id, i, Math.round(6 + (22 * i) / 600), `trend-${i}`));
  for (let i = 5; i <= 600; i += 10) rows.push(row(org, client.id, i + 0.5, null, `invalid-${i}`));
  for (let i = 0; i < rows.length; i += 200) await t.db.insert(checkinAdministrations).values(rows.slice(i, i + 200));
  await clearRciCache(t.db);
});
afterAll(async () => {
  await clearExpectedRecoveryCache();
  await t?.close();
});

describe(`trends (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("thins a 600-check-in series to at most 200 points in SQL, keeping average and last value", async () => {
    const [all] = await scoreSeries(t.db, actors.counselor!.organisationId, client.id, client.timeZone, "all", now);
    expect(all?.grain).toBe("week");
    expect(all!.points.length).toBeLessThanOrEqual(200);
    expect(all!.points.length).toBeGreaterThan(80);
    expect(all!.points.reduce((n, p) => n + p.count, 0)).toBe(600);
    const lastPoint = all!.points.at(-1)!;
    expect(lastPoint.last).toBe(6);
    expect(lastPoint.mean).toBeGreaterThanOrEqual(6);
    const [recent] = await scoreSeries(t.db, actors.counselor!.organisationId, client.id, client.timeZone, "3m", now);
    expect(recent?.grain).toBe("point");
    expect(recent!.points.every((p) => p.count === 1 && p.mean === p.last)).toBe(true);
  });

  it("leaves invalid administrations out of the series", async () => {
    const [recent] = await scoreSeries(t.db, actors.counselor!.organisationId, client.id, client.timeZone, "3m", now);
    const days = Math.round((now.getTime() - new Date(now).setUTCMonth(now.getUTCMonth() - 3)) / DAY);
    // Only the daily valid check-ins in the range: none of the invalid ones, no null totals.
    expect(recent!.points.length).toBeLessThanOrEqual(days);
    expect(recent!.points.length).toBeGreaterThanOrEqual(days - 1);
    expect(recent!.points.every((p) => Number.isFinite(p.last) && p.band !== null)).toBe(true);
  });

  it("gives the verdict of baseline versus latest that computeChange gives", async () => {
    const trends = await clientTrends(t.db, actors.counselor!, client, "1y", now);
    const numbness = trends.indicators.find((i) => i.url === NUMBNESS)!;
    expect(numbness.endpoints.baseline?.total).toBe(28);
    expect(numbness.endpoints.latest.total).toBe(6);
    expect(numbness.endpoints.count).toBe(600);
    const instrument = (await getBundledInstrument(NUMBNESS))!;
    const params = await rciParametersFor(t.db, actors.counselor!.organisationId, instrument);
    const expected = computeChange({ pre: 28, post: 6, sd: params.sd, r: params.r, direction: "higher_is_worse", norms: instrument.scoring.norms });
    expect(numbness.change?.verdict).toBe(expected.verdict);
    expect(numbness.change?.rci).toBeCloseTo(expected.rci, 10);
    expect(["recovered", "improved"]).toContain(numbness.change?.verdict);
    expect(numbness.series!.points.length).toBeLessThanOrEqual(200);
  });

  it("gives every drawn score its expected band and verdict (the chart's table), or says there is no curve and why", async () => {
    await clearExpectedRecoveryCache();
    const org = actors.counselor!.organisationId;
    const before = (await clientTrends(t.db, actors.counselor!, client, "all", now)).indicators.find((i) => i.url === NUMBNESS)!;
    expect(before.expected?.reason).toBeTruthy();
    const noCurve = scoreTable(encodeScores(before.series!.grain, before.series!.points, before.expected));
    expect(noCurve.columns.at(-1)).toBe("Expected recovery");
    expect(noCurve.rows[0]!.at(-1)).toBe(`No curve: ${before.expected!.reason}`);
    // A flat curve (expected 10, predictive SD 1 at every week, so the band is 8.72 to 11.28),
    // fitted "in the future" so that no background refit replaces it during the test.
    await clearExpectedRecoveryCache();
    const zero = [0, 0, 0, 0];
    const flat: CurveFit = { beta: [10, 0, 0, 0], betaCovariance: [zero, zero, zero, zero], randomCovariance: [[0, 0], [0, 0]], residualVariance: 1, centre: 10, baselineRange: [0, 32], horizonWeeks: 52, nClients: 100, nScores: 1000, reml: 0, converged: true };
    await t.db.insert(expectedRecoveryFits).values({ organisationId: org, instrumentUrl: NUMBNESS, instrumentVersion: "1.0.0", fittedAt: new Date(Date.now() + 3_600_000), dataCutoff: now, parameters: flat, nClients: 100, nScores: 1000, durationMs: 1, trigger: "admin" });
    const numbness = (await clientTrends(t.db, actors.counselor!, client, "all", now)).indicators.find((i) => i.url === NUMBNESS)!;
    const points = numbness.series!.points;
    const rows = numbness.expected!.rows;
    expect(rows).toHaveLength(points.length);
    const baselineAt = Date.parse(numbness.endpoints.baseline!.at);
    let behind = 0;
    points.forEach((p, i) => {
      const weeks = (Date.parse(p.at) - baselineAt) / (7 * DAY);
      const r = rows[i]!;
      if (weeks === 0) expect(r).toEqual({ reason: "The baseline." });
      else if (weeks > 52) expect(r).toEqual({ reason: "More than 52 weeks after the baseline, beyond the curve." });
      else {
        expect("reason" in r).toBe(false);
        if ("reason" in r) return;
        expect(r.low).toBeCloseTo(10 - 1.2816, 3);
        expect(r.high).toBeCloseTo(10 + 1.2816, 3);
        // Higher is worse: a last score above 11.28 is not on track, by (score − 11.28) SDs.
        expect(r.status).toBe(p.last > 10 + 1.2816 ? "not_on_track" : "on_track");
        if (r.status === "not_on_track") {
          behind++;
          expect(r.strength).toBeCloseTo(p.last - (10 + 1.2816), 3);
        }
      }
    });
    expect(behind).toBeGreaterThan(0);
    const table = scoreTable(encodeScores(numbness.series!.grain, points, numbness.expected));
    expect(table.columns.slice(-3)).toEqual(["Expected, 10th percentile", "Expected, 90th percentile", "Against the expected band"]);
    const first = rows.findIndex((r) => !("reason" in r) && r.status === "not_on_track");
    expect(table.rows[first]!.slice(-3)).toEqual(["8.7", "11.3", `Not on track, ${(points[first]!.last - 11.2816).toFixed(1)} SD beyond the band`]);
  });

  it("shows another counselor nothing: the client is not found for them", async () => {
    expect(await getClientForActor(t.db, actors.counselor3!, client.id)).toBeNull();
    expect(await getClientForActor(t.db, actors["other-org"]!, client.id)).toBeNull();
    expect(await getClientForActor(t.db, actors.counselor!, client.id)).not.toBeNull();
  });
});
