import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkinAdministrations, clients, importedInstruments, rciParameterCache } from "@/db/schema";
import { loadBundledInstruments } from "@/content/instruments";
import type { AnswerValue } from "@/instruments/fhir-schema";
import { scoreResponse } from "@/instruments/scoring";
import { executeAction } from "@/lib/action-core";
import { testMeta } from "@/lib/testing/fixtures";
import { administer, administerSpec } from "./administer";
import { availableInstruments, currentInstrument, instrumentVersions } from "./instruments";
import { publish, publishSpec, retire, retireSpec, setScoring, setScoringSpec, upload, uploadSpec } from "./imports";
import { clearRciCache, rciParametersFor } from "./rci";
import { recordAdministration } from "./record";
import { moodScreen, moodScreenScoring } from "./testing/questionnaire";
import { demoWorld, newKey, type DemoWorld } from "./testing/setup";

let w: DemoWorld;
const URL = "http://example.org/fhir/Questionnaire/mood-screen";
const moodAnswers = { interest: "several-days", low: "more-than-half", sleep: "nearly-every-day", tired: "several-days" };

beforeAll(async () => {
  w = await demoWorld();
});
afterAll(async () => w?.t.close());

const importJson = (json: string, who = "admin") => executeAction(w.t.db, w.actors[who]!, uploadSpec, upload, { json }, testMeta);
const scoring = (instrumentId: string, overrides: Record<string, string | string[]> = {}, who = "admin") =>
  executeAction(w.t.db, w.actors[who]!, setScoringSpec, setScoring, moodScreenScoring(instrumentId, overrides), testMeta);
const publishIt = (instrumentId: string, who = "admin") => executeAction(w.t.db, w.actors[who]!, publishSpec, publish, { instrumentId }, testMeta);
const takeMood = (canonical: string) =>
  executeAction(
    w.t.db,
    w.actors.counselor!,
    administerSpec,
    administer,
    { clientId: w.counselorClients[1]!.id, instrument: canonical, respondent: "client", idempotencyKey: newKey("mood"), answers: JSON.stringify(moodAnswers) },
    testMeta,
  );
const importedCount = async () => Number((await w.t.db.select({ n: count() }).from(importedInstruments))[0]!.n);

describe(`importing a questionnaire (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("refuses malformed JSON and unreadable questionnaires with the reason, keeping nothing", async () => {
    const bad = await importJson('{"resourceType": "Questionnaire", "url": ');
    expect(bad).toMatchObject({ kind: "refused", message: expect.stringContaining("not valid JSON"), fieldErrors: { json: [expect.stringMatching(/^Not valid JSON: /)] } });
    const noItems = await importJson(JSON.stringify({ ...moodScreen(), item: [] }));
    expect(noItems).toMatchObject({ kind: "refused", fieldErrors: { json: [expect.stringContaining("item")] } });
    const unweighted = moodScreen();
    for (const item of unweighted.item) for (const o of item.answerOption ?? []) delete o.extension;
    expect(await importJson(JSON.stringify(unweighted))).toMatchObject({ kind: "refused", fieldErrors: { json: [expect.stringContaining("no scored items")] } });
    const bundled = (await loadBundledInstruments())[0]!;
    expect(await importJson(JSON.stringify(bundled.questionnaire))).toMatchObject({ kind: "refused", message: expect.stringContaining("comes with Attune") });
    expect(await importedCount()).toBe(0);
  });

  it("only an admin imports, and only their organisation's drafts", async () => {
    expect(await importJson(JSON.stringify(moodScreen()), "counselor")).toEqual({ kind: "not_found" });
    expect(await importJson(JSON.stringify(moodScreen()), "supervisor")).toEqual({ kind: "not_found" });
    const draft = await importJson(JSON.stringify(moodScreen("0.9.0")));
    if (draft.kind !== "ok") throw new Error(JSON.stringify(draft));
    expect(await scoring(draft.result.id, {}, "other-org")).toEqual({ kind: "not_found" });
    expect(await publishIt(draft.result.id, "other-org")).toEqual({ kind: "not_found" });
    expect(await publishIt(draft.result.id, "counselor")).toEqual({ kind: "not_found" });
  });

  it("keeps a draft, writes the scoring from the form, publishes a version; a second version keeps the first", async () => {
    const first = await importJson(JSON.stringify(moodScreen("1.0.0")));
    if (first.kind !== "ok") throw new Error(JSON.stringify(first));
    const v1 = first.result.id;
    expect(await publishIt(v1)).toMatchObject({ kind: "refused", message: expect.stringContaining("cannot be published yet") });
    expect(await currentInstrument(w.t.db, w.actors.admin!.organisationId, URL)).toBeNull();

    const gap = await scoring(v1, { bandFrom: ["0", "6"], bandTo: ["5", "12"], bandLabel: ["Low", "High"] });
    expect(gap).toMatchObject({ kind: "refused", fieldErrors: { scoring: [expect.stringContaining("Band 2: gap between 5 and 6")] } });
    expect(await scoring(v1)).toMatchObject({ kind: "ok" });
    expect(await publishIt(v1)).toMatchObject({ kind: "ok" });
    const [row1] = await w.t.db.select().from(importedInstruments).where(eq(importedInstruments.id, v1));
    expect(row1).toMatchObject({ status: "published", version: "1.0.0" });
    expect(row1!.publishedAt).not.toBeNull();

    const taken1 = await takeMood(`${URL}|1.0.0`);
    if (taken1.kind !== "ok") throw new Error(JSON.stringify(taken1));
    // 1 + 2 + 3 + 1 = 7: "Moderate" (5–10).
    const [admin1] = await w.t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.id, taken1.result.id));
    expect(admin1).toMatchObject({ instrumentUrl: URL, instrumentVersion: "1.0.0", total: 7, bandLabel: "Moderate", status: "complete" });

    expect(await importJson(JSON.stringify(moodScreen("1.0.0")))).toMatchObject({ kind: "refused", message: expect.stringContaining("already published") });

    const second = await importJson(JSON.stringify(moodScreen("2.0.0", "Thinking about the last two weeks, how often did this happen?")));
    if (second.kind !== "ok") throw new Error(JSON.stringify(second));
    expect(await scoring(second.result.id, { bandFrom: ["0", "4", "9"], bandTo: ["4", "9", "12"] })).toMatchObject({ kind: "ok" });
    expect(await publishIt(second.result.id)).toMatchObject({ kind: "ok" });

    const versions = await w.t.db.select().from(importedInstruments).where(and(eq(importedInstruments.url, URL), eq(importedInstruments.organisationId, w.actors.admin!.organisationId)));
    expect(Object.fromEntries(versions.map((v) => [v.version, v.status]))).toEqual({ "0.9.0": "draft", "1.0.0": "retired", "2.0.0": "published" });
    expect(versions.find((v) => v.version === "1.0.0")!.questionnaire).toEqual(row1!.questionnaire);

    // A page opened on version 1 cannot save with it any more; the current version is used.
    expect(await takeMood(`${URL}|1.0.0`)).toMatchObject({ kind: "refused", message: expect.stringContaining("newer version") });
    const taken2 = await takeMood(`${URL}|2.0.0`);
    if (taken2.kind !== "ok") throw new Error(JSON.stringify(taken2));
    const [admin2] = await w.t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.id, taken2.result.id));
    expect(admin2).toMatchObject({ instrumentVersion: "2.0.0", total: 7, bandLabel: "Moderate" });

    // Every stored score is recomputed from its answers and the version that made it.
    const kept = await instrumentVersions(w.t.db, w.actors.admin!.organisationId, [admin1!, admin2!].map((a) => ({ url: a.instrumentUrl, version: a.instrumentVersion })));
    for (const a of [admin1!, admin2!]) {
      const again = scoreResponse(kept.get(`${a.instrumentUrl}|${a.instrumentVersion}`)!, a.answers as Record<string, AnswerValue>);
      expect([again.total, again.band?.label]).toEqual([a.total, a.bandLabel]);
    }
    const offered = await availableInstruments(w.t.db, w.actors.admin!.organisationId);
    expect(offered.filter((a) => a.instrument.url === URL).map((a) => a.instrument.version)).toEqual(["2.0.0"]);
    expect((await availableInstruments(w.t.db, w.actors["other-org"]!.organisationId)).map((a) => a.origin)).toEqual(["bundled", "bundled", "bundled", "bundled"]);

    expect(await executeAction(w.t.db, w.actors.admin!, retireSpec, retire, { instrumentId: second.result.id }, testMeta)).toMatchObject({ kind: "ok" });
    expect(await currentInstrument(w.t.db, w.actors.admin!.organisationId, URL)).toBeNull();
  });
});

describe(`reliable change parameters (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("use the file's values until the organisation has 30 complete baselines, then its own", async () => {
    const numbness = (await loadBundledInstruments()).find((i) => i.id === "attune-numbness")!;
    const org = w.actors.counselor!.organisationId;
    await clearRciCache(w.t.db);
    const before = await rciParametersFor(w.t.db, org, numbness);
    expect(before).toMatchObject({ source: "instrument", reason: "too_few_baselines", r: 0.8, sd: 6 });

    const codes = ["not-at-all", "once-in-a-while", "some-of-the-time", "often", "nearly-all-the-time"];
    const all = await w.t.db.select({ id: clients.id }).from(clients).where(eq(clients.organisationId, org));
    expect(all.length).toBeGreaterThanOrEqual(30);
    for (const [i, c] of all.entries()) {
      const level = i % 5;
      const answers = Object.fromEntries(
        numbness.items.filter((item) => item.scored).map((item, k) => [item.linkId, { code: codes[Math.min(4, Math.max(0, level + ((k + i) % 3) - 1))]! }]),
      );
      await recordAdministration(w.t.db, { organisationId: org, clientId: c.id, contactId: null, instrument: numbness, answers, mode: "in_session", administeredBy: w.actors.counselor!.userId, scheduleId: null, idempotencyKey: newKey("base") });
    }
    expect((await rciParametersFor(w.t.db, org, numbness)).source).toBe("instrument");
    await clearRciCache(w.t.db);
    const after = await rciParametersFor(w.t.db, org, numbness);
    expect(after.source).toBe("organisation");
    expect(after.baselines).toBeGreaterThanOrEqual(30);
    expect(after.r).toBeGreaterThan(0);

    // Kept in the database: a process that has forgotten them (a restart) reads the same values.
    const stored = await w.t.db.select().from(rciParameterCache).where(eq(rciParameterCache.organisationId, org));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.parameters).toEqual(after);
    await clearRciCache();
    expect(await rciParametersFor(w.t.db, org, numbness)).toEqual(after);

    // Older than ten minutes: served at once as they are, while one refresh in the background
    // derives them again (from one more baseline now) and stamps the new time.
    const extra = all[0]!;
    await w.t.db.update(checkinAdministrations).set({ status: "invalid", total: null }).where(and(eq(checkinAdministrations.organisationId, org), eq(checkinAdministrations.clientId, extra.id)));
    const later = Date.now() + 11 * 60_000;
    expect(await rciParametersFor(w.t.db, org, numbness, later)).toEqual(after);
    let refreshed: (typeof stored)[number] | undefined;
    for (let i = 0; i < 100 && !refreshed; i++) {
      await new Promise((r) => setTimeout(r, 50));
      [refreshed] = await w.t.db.select().from(rciParameterCache).where(and(eq(rciParameterCache.organisationId, org), eq(rciParameterCache.computedAt, new Date(later))));
    }
    expect(refreshed, "the background refresh stored new values").toBeDefined();
    expect((refreshed!.parameters as { baselines: number }).baselines).toBe(after.baselines - 1);
    expect((await rciParametersFor(w.t.db, org, numbness, later)).baselines).toBe(after.baselines - 1);
    expect(after.r).toBeLessThan(1);
    expect(after.citation).toMatch(/complete baseline check-ins in this organisation/);
  });
});
