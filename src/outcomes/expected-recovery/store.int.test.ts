import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkinAdministrations, clients, expectedRecoveryFits, organisations } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { getBundledInstrument } from "@/content/instruments";
import type { Instrument } from "@/instruments/fhir-schema";
import { NUMBNESS_URL } from "../team";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { summarise } from "./model";
import { simulateClients } from "./simulate";
import { baselineAnswers } from "@/checkins/rci";
import { clearExpectedRecoveryCache, clientSummaries, expectedRecoveryFor, firstCurves, latestFit, refitExpectedRecovery, REFIT_AFTER_MS, RELOAD_AFTER_MS } from "./store";

const DAY = 86_400_000;
const url = "https://example.org/fhir/Questionnaire/expected-recovery-test";
let instrument: Instrument;
let t: TestDatabase;
let organisationId: string;
const simulated = simulateClients(
  { beta: [18, 0.8, -3, -0.1], centre: 20, sdIntercept: 2, sdSlope: 1, correlation: -0.3, sdResidual: 2, baselineMean: 20, baselineSd: 4 },
  35,
  12,
  11,
);

beforeAll(async () => {
  const numbness = (await getBundledInstrument(NUMBNESS_URL))!;
  instrument = { ...numbness, url, version: "1.0.0", canonical: `${url}|1.0.0` };
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "expected-recovery-test", checkins: false });
  const [org] = await t.db.select({ id: organisations.id }).from(organisations).limit(1);
  organisationId = org!.id;
  const roster = await t.db.select({ id: clients.id }).from(clients).where(eq(clients.organisationId, organisationId)).orderBy(clients.recordNumber).limit(simulated.length);
  const start = Date.now() - 30 * 7 * DAY;
  const rows = roster.flatMap((c, i) => {
    const client = simulated[i]!;
    const row = (weeks: number, total: number, status: "complete" | "prorated" | "invalid" = "complete") => ({
      organisationId,
      clientId: c.id,
      instrumentUrl: instrument.url,
      instrumentVersion: instrument.version,
      mode: "in_session" as const,
      answers: {},
      status,
      total: status === "invalid" ? null : Math.round(total * 100) / 100,
      answered: 8,
      expected: 8,
      administeredAt: new Date(start + i * DAY + weeks * 7 * DAY),
      idempotencyKey: `er-${i}-${weeks}-${status}`,
    });
    // A prorated first check-in is not the baseline; an invalid one is never a score.
    return [row(-1, 40, "prorated"), row(0, client.baseline), ...client.followUps.map((f) => row(f.weeks, f.score)), row(3.5, 0, "invalid")];
  });
  await t.db.insert(checkinAdministrations).values(rows);
}, 120_000);
afterAll(async () => {
  await clearExpectedRecoveryCache();
  await t?.close();
});

describe("expected recovery storage", () => {
  it("summarises each client in the database exactly as the model would", async () => {
    const { summaries, cutoff } = await clientSummaries(t.db, organisationId, instrument);
    expect(summaries).toHaveLength(simulated.length);
    expect(cutoff).not.toBeNull();
    const expected = simulated.map((c) => summarise(Math.round(c.baseline * 100) / 100, c.followUps.map((f) => ({ weeks: f.weeks, score: Math.round(f.score * 100) / 100 }))));
    const key = (s: { baseline: number }) => s.baseline;
    const byBaseline = [...summaries].sort((a, b) => key(a) - key(b));
    [...expected].sort((a, b) => key(a) - key(b)).forEach((e, i) => {
      const s = byBaseline[i]!;
      expect(s.n).toBe(e.n);
      expect(s.st).toBeCloseTo(e.st, 3);
      expect(s.sty).toBeCloseTo(e.sty, 2);
      expect(s.syy).toBeCloseTo(e.syy, 1);
    });
  });

  it("stores a fit, serves it to pages without fitting, and keeps older fits", async () => {
    expect(await expectedRecoveryFor(t.db, organisationId, instrument, { refresh: false })).toBeNull();
    const first = await refitExpectedRecovery(t.db, organisationId, instrument, "admin");
    expect(first.fit).not.toBeNull();
    expect(first.reason).toBeNull();
    expect(first.nClients).toBe(simulated.length);
    // 70% of 35 clients train the hold-out curve: fewer than 30, so there is no hold-out check, and it says why.
    expect(first.validation?.counts).toBeNull();
    expect(first.validation?.reason).toMatch(/a curve needs at least 30/);
    const second = await refitExpectedRecovery(t.db, organisationId, instrument, "scheduled", new Date(Date.now() + 1000));
    expect((await latestFit(t.db, organisationId, instrument))?.id).toBe(second.id);
    expect((await expectedRecoveryFor(t.db, organisationId, instrument, { refresh: false }))?.id).toBe(second.id);
    const all = await t.db.select({ id: expectedRecoveryFits.id }).from(expectedRecoveryFits).where(eq(expectedRecoveryFits.organisationId, organisationId));
    expect(all.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
  });

  it("serves pages the stored fit, read again after an hour (another instance's nightly fit), and refits on a page only when the nightly job has not run", async () => {
    await clearExpectedRecoveryCache();
    const start = Date.now();
    const latest = (await latestFit(t.db, organisationId, instrument))!;
    const count = async () => (await t.db.select({ id: expectedRecoveryFits.id }).from(expectedRecoveryFits).where(eq(expectedRecoveryFits.instrumentUrl, url))).length;
    const before = await count();
    expect((await expectedRecoveryFor(t.db, organisationId, instrument, { now: start }))?.id).toBe(latest.id);
    // Another instance's nightly job stores a newer fit: this one keeps its copy for up to an hour, then reads it.
    const [night] = await t.db
      .insert(expectedRecoveryFits)
      .values({ organisationId, instrumentUrl: url, instrumentVersion: instrument.version, fittedAt: new Date(latest.fittedAt.getTime() + 60_000), dataCutoff: latest.dataCutoff, parameters: latest.fit, nClients: latest.nClients, nScores: latest.nScores, durationMs: 1, trigger: "scheduled" })
      .returning({ id: expectedRecoveryFits.id, fittedAt: expectedRecoveryFits.fittedAt });
    expect((await expectedRecoveryFor(t.db, organisationId, instrument, { now: start + RELOAD_AFTER_MS - 1000 }))?.id).toBe(latest.id);
    expect((await expectedRecoveryFor(t.db, organisationId, instrument, { now: start + RELOAD_AFTER_MS }))?.id).toBe(night!.id);
    await clearExpectedRecoveryCache();
    expect(await count()).toBe(before + 1);
    // A day and a half after the latest fit with no nightly run since: the page answers at once and starts one refit.
    const late = night!.fittedAt.getTime() + REFIT_AFTER_MS;
    expect((await expectedRecoveryFor(t.db, organisationId, instrument, { now: late - 60_000 }))?.id).toBe(night!.id);
    await clearExpectedRecoveryCache();
    expect(await count()).toBe(before + 1);
    expect((await expectedRecoveryFor(t.db, organisationId, instrument, { now: late }))?.id).toBe(night!.id);
    await clearExpectedRecoveryCache();
    expect(await count()).toBe(before + 2);
  });

  it("stores the reason when an instrument has too little data", async () => {
    const none = await refitExpectedRecovery(t.db, organisationId, { ...instrument, version: "9.9.9", canonical: `${url}|9.9.9` });
    expect(none.fit).toBeNull();
    expect(none.reason).toMatch(/0 clients have two or more scored check-ins after their baseline; a curve needs at least 30/);
    // The day verdicts began is the first fit that had a curve, per version; a version without one has none.
    const fits = await t.db.select({ at: expectedRecoveryFits.fittedAt, parameters: expectedRecoveryFits.parameters, version: expectedRecoveryFits.instrumentVersion }).from(expectedRecoveryFits).where(eq(expectedRecoveryFits.organisationId, organisationId));
    const firsts = await firstCurves(t.db, organisationId);
    expect(firsts.get(`${url}|1.0.0`)?.getTime()).toBe(Math.min(...fits.filter((f) => f.parameters !== null && f.version === "1.0.0").map((f) => f.at.getTime())));
    expect(firsts.has(`${url}|9.9.9`)).toBe(false);
  });

  it("reads each client's baseline with the moment it was taken (which dates the switch to the organisation's own RCI values)", async () => {
    const rows = await baselineAnswers(t.db, organisationId, instrument);
    const baselines = await t.db.select({ clientId: checkinAdministrations.clientId, at: checkinAdministrations.administeredAt, status: checkinAdministrations.status }).from(checkinAdministrations).where(eq(checkinAdministrations.instrumentUrl, url)).orderBy(checkinAdministrations.administeredAt);
    const firstComplete = new Map<string, number>();
    for (const b of baselines) if (b.status === "complete" && !firstComplete.has(b.clientId)) firstComplete.set(b.clientId, b.at.getTime());
    expect(rows.map((r) => Date.parse(r.at)).sort()).toEqual([...firstComplete.values()].sort());
  });
});
