import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableInstruments } from "@/checkins/instruments";
import { getBundledInstrument } from "@/content/instruments";
import { checkinAdministrations, clients, expectedRecoveryFits } from "@/db/schema";
import type { Instrument } from "@/instruments/fhir-schema";
import { REFIT_CRON, REFIT_QUEUE } from "@/messaging/queue";
import { startWorker } from "@/messaging/worker";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser } from "@/lib/testing/fixtures";
import { NUMBNESS_URL } from "../team";
import { refitAllCurves } from "./scheduled-refit";
import { simulateClients } from "./simulate";
import { clearExpectedRecoveryCache, latestFit } from "./store";

const DAY = 86_400_000;
let t: TestDatabase;
let orgId: string;
let numbness: Instrument;
let curves: number;
let firstClient: string;
let now: Date;
const simulated = simulateClients({ beta: [18, 0.8, -3, -0.1], centre: 20, sdIntercept: 2, sdSlope: 1, correlation: -0.3, sdResidual: 2, baselineMean: 20, baselineSd: 4 }, 35, 12, 21);

const fitsOf = (instrument: Instrument) =>
  t.db
    .select({ id: expectedRecoveryFits.id, trigger: expectedRecoveryFits.trigger, parameters: expectedRecoveryFits.parameters })
    .from(expectedRecoveryFits)
    .where(and(eq(expectedRecoveryFits.organisationId, orgId), eq(expectedRecoveryFits.instrumentUrl, instrument.url), eq(expectedRecoveryFits.instrumentVersion, instrument.version)));
const allFits = () => t.db.select({ id: expectedRecoveryFits.id }).from(expectedRecoveryFits).where(eq(expectedRecoveryFits.organisationId, orgId));

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Nightly refit org");
  const counselor = await createUser(t.db, orgId, { name: "Casey Counselor" });
  numbness = (await getBundledInstrument(NUMBNESS_URL))!;
  curves = (await availableInstruments(t.db, orgId)).length;
  const roster = await t.db
    .insert(clients)
    .values(simulated.map((_, i) => ({ organisationId: orgId, name: `Robin Nightly ${i}`, recordNumber: `NIGHT-${i}`, recoveryFocus: "both" as const, status: "active" as const, primaryCounselorId: counselor.userId, startDate: "2026-01-01", timeZone: "UTC" })))
    .returning({ id: clients.id });
  firstClient = roster[0]!.id;
  const start = Date.now() - 30 * 7 * DAY;
  const rows = roster.flatMap((c, i) => {
    const client = simulated[i]!;
    const row = (weeks: number, total: number) => ({
      organisationId: orgId, clientId: c.id, instrumentUrl: numbness.url, instrumentVersion: numbness.version, mode: "in_session" as const, answers: {},
      status: "complete" as const, total: Math.round(total * 100) / 100, answered: 8, expected: 8, administeredAt: new Date(start + i * DAY + weeks * 7 * DAY), idempotencyKey: `night-${i}-${weeks}`,
    });
    return [row(0, client.baseline), ...client.followUps.map((f) => row(f.weeks, f.score))];
  });
  await t.db.insert(checkinAdministrations).values(rows);
  now = new Date();
}, 120_000);
afterAll(async () => {
  await clearExpectedRecoveryCache();
  await t?.close();
});

describe("the nightly refit job", () => {
  it("fits every check-in the organisation can use; a second run with no new data writes nothing; a new check-in refits only its own curve", async () => {
    const first = await refitAllCurves(t.db, now);
    expect(first.failed).toEqual([]);
    // Every check-in of every organisation (this is the only one): each gets a row, with or without a curve.
    expect(first.refitted).toBe(curves);
    const [fit] = await fitsOf(numbness);
    expect(fit?.trigger).toBe("scheduled");
    expect(fit?.parameters).not.toBeNull();
    const before = (await allFits()).length;
    expect(before).toBe(curves);

    // The same night again (a retry, a second instance): every curve already saw all its data.
    const second = await refitAllCurves(t.db, new Date(now.getTime() + 60_000));
    expect(second).toEqual({ refitted: 0, unchanged: first.refitted, failed: [] });
    expect((await allFits()).length).toBe(before);
    expect((await latestFit(t.db, orgId, numbness))?.id).toBe(fit!.id);

    // A check-in after the fit: that check-in's curve is fitted again, the others are not.
    await t.db.insert(checkinAdministrations).values({
      organisationId: orgId, clientId: firstClient, instrumentUrl: numbness.url, instrumentVersion: numbness.version, mode: "in_session", answers: {},
      status: "complete", total: 12, answered: 8, expected: 8, administeredAt: new Date(now.getTime() + 30_000), idempotencyKey: "night-new",
    });
    const third = await refitAllCurves(t.db, new Date(now.getTime() + 120_000));
    expect(third).toEqual({ refitted: 1, unchanged: first.refitted - 1, failed: [] });
    const numbnessFits = await fitsOf(numbness);
    expect(numbnessFits).toHaveLength(2);
    expect((await latestFit(t.db, orgId, numbness))?.id).not.toBe(fit!.id);

    // A week on with nothing new: refitted all the same (a check-in entered late with an earlier date).
    const weekLater = await refitAllCurves(t.db, new Date(now.getTime() + 8 * DAY));
    expect(weekLater.refitted).toBe(first.refitted);
  });

  it("runs on the worker's queue, scheduled nightly once across instances", async () => {
    const lines: string[] = [];
    const worker = await startWorker(t, { env: { NODE_ENV: "test" }, databaseUrl: t.url, pollingIntervalSeconds: 0.5, log: (l) => lines.push(l) });
    try {
      const schedules = await worker.boss.getSchedules();
      expect(schedules.filter((s) => s.name === REFIT_QUEUE).map((s) => s.cron)).toEqual([REFIT_CRON]);
      const fits = (await allFits()).length;
      await t.db.insert(checkinAdministrations).values({
        organisationId: orgId, clientId: firstClient, instrumentUrl: numbness.url, instrumentVersion: numbness.version, mode: "in_session", answers: {},
        status: "complete", total: 11, answered: 8, expected: 8, administeredAt: new Date(now.getTime() + 9 * DAY), idempotencyKey: "night-newer",
      });
      expect(await worker.boss.send(REFIT_QUEUE, {})).toBeTruthy();
      const until = Date.now() + 60_000;
      while (!lines.some((l) => l.includes("expected recovery curve")) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(lines.find((l) => l.includes("expected recovery curve"))).toMatch(/refitted 1 expected recovery curve \(\d+ unchanged\)/);
      expect((await allFits()).length).toBe(fits + 1);
    } finally {
      await worker.stop();
    }
  });
});
