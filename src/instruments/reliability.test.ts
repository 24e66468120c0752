import { describe, expect, it } from "vitest";

import { loadBundledInstruments } from "@/content/instruments";

import { type Answers, type Instrument } from "./fhir-schema";
import { parseQuestionnaire } from "./parse-questionnaire";
import fixture from "./fixtures/test-import.json";
import { cronbachAlpha, deriveRciParameters, standardDeviation } from "./reliability";

const bundled = await loadBundledInstruments();
const profile = bundled.find((i) => i.id === "attune-detachment-profile") as Instrument;
const numbness = bundled.find((i) => i.id === "attune-numbness") as Instrument;

describe("standardDeviation", () => {
  it("is the sample standard deviation", () => {
    // mean 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; 32/7 = 4.5714…; √ = 2.13809
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.13809, 5);
    expect(standardDeviation([3, 3])).toBe(0);
  });

  it("needs two finite values", () => {
    expect(() => standardDeviation([1])).toThrow(RangeError);
    expect(() => standardDeviation([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("cronbachAlpha", () => {
  it("matches a hand-worked example", () => {
    // items: [1,2,3,4] var 5/3; [2,3,3,5] var 4.75/3; [2,3,4,5] var 5/3 → Σ = 14.75/3
    // totals [5,8,10,14]: mean 9.25, Σ dev² = 42.75, var 14.25
    // α = 3/2 · (1 − (14.75/3)/14.25) = 3/2 · 112/171 = 56/57 = 0.982456…
    const matrix = [
      [1, 2, 2],
      [2, 3, 3],
      [3, 3, 4],
      [4, 5, 5],
    ];
    expect(cronbachAlpha(matrix)).toBeCloseTo(56 / 57, 12);
  });

  it("is 0 for unrelated items with equal spread and negative when items pull apart", () => {
    // Two items whose covariance is 0: var(total) = Σ var → α = 2 · (1 − 1) = 0
    expect(cronbachAlpha([[0, 0], [1, 0], [0, 1], [1, 1]])).toBeCloseTo(0, 12);
    expect(cronbachAlpha([[0, 2], [1, 1], [2, 0], [1, 2]])).toBeLessThan(0);
  });

  it("rejects unusable matrices", () => {
    expect(() => cronbachAlpha([[1, 2]])).toThrow(/2 respondents/);
    expect(() => cronbachAlpha([[1], [2]])).toThrow(/2 items/);
    expect(() => cronbachAlpha([[1, 2], [1]])).toThrow(/same number/);
    expect(() => cronbachAlpha([[1, 2], [2, 1]])).toThrow(/every total is the same/);
  });
});

const rate = (awareness: number, state: number, purpose: number, relationships: number, longTerm: number): Answers => ({
  awareness: { code: `awareness-${awareness}` },
  "emotional-state": { code: `emotional-state-${state}` },
  purpose: { code: `purpose-${purpose}` },
  relationships: { code: `relationships-${relationships}` },
  "long-term": { code: `long-term-${longTerm}` },
});

describe("deriveRciParameters", () => {
  // Four complete detachment-profile baselines:
  //   items: awareness [0,1,2,3] var 5/3; emotional [1,1,3,3] 4/3; purpose [0,2,2,4] 8/3;
  //          relationships [1,1,2,4] 6/3; long-term [0,1,3,2] 5/3 → Σ 28/3
  //   totals [2,6,12,16]: mean 9, Σ dev² 49 + 9 + 9 + 49 = 116, var 116/3, SD √38.667 = 6.21825
  //   α = 5/4 · (1 − (28/3)/(116/3)) = 5/4 · 88/116 = 55/58 = 0.948276
  const baselines = [rate(0, 1, 0, 1, 0), rate(1, 1, 2, 1, 1), rate(2, 3, 2, 2, 3), rate(3, 3, 4, 4, 2)];
  const incomplete: Answers = { awareness: { code: "awareness-4" } };

  it("uses the organisation's values once enough complete baselines exist", () => {
    const derived = deriveRciParameters(profile, [...baselines, incomplete], 4);
    expect(derived.source).toBe("organisation");
    expect(derived.reason).toBe("organisation_data");
    expect(derived.baselines).toBe(4);
    expect(derived.r).toBeCloseTo(55 / 58, 12);
    expect(derived.sd).toBeCloseTo(Math.sqrt(116 / 3), 12);
    expect(derived.citation).toContain("4 complete baseline");
  });

  it("falls back to the file's provisional values below the minimum (30 by default)", () => {
    expect(deriveRciParameters(profile, baselines, 5)).toEqual({
      r: 0.8,
      sd: 3.5,
      source: "instrument",
      reason: "too_few_baselines",
      baselines: 4,
      minimum: 5,
      citation: "provisional default until enough organisation data exist",
    });
    const rows = Array.from({ length: 29 }, (_, i) => rate(i % 5, (i + 1) % 5, (i * 2) % 5, i % 3, (i * 3) % 5));
    expect(deriveRciParameters(profile, rows)).toMatchObject({ source: "instrument", reason: "too_few_baselines", baselines: 29 });
    expect(deriveRciParameters(profile, [...rows, rate(4, 4, 3, 4, 4)])).toMatchObject({ source: "organisation", baselines: 30 });
  });

  it("dates the switch to the organisation's values: when the minimum-th usable baseline was taken", () => {
    const rows = Array.from({ length: 31 }, (_, i) => rate(i % 5, (i + 1) % 5, (i * 2) % 5, i % 3, (i * 3) % 5));
    // Day i + 1 of March for row i, given in a shuffled order, and an incomplete baseline earlier than all of them.
    const order = rows.map((_, i) => (i * 7) % 31);
    const dates = order.map((i) => `2026-03-${String(i + 1).padStart(2, "0")}T10:00:00.000Z`);
    const derived = deriveRciParameters(profile, [incomplete, ...order.map((i) => rows[i]!)], 30, ["2026-02-01T10:00:00.000Z", ...dates]);
    expect(derived).toMatchObject({ source: "organisation", baselines: 31, switchedAt: "2026-03-30T10:00:00.000Z" });
    // Below the minimum, or without dates, there is no switch to date.
    expect(deriveRciParameters(profile, rows.slice(0, 29), 30, dates.slice(0, 29)).switchedAt).toBeUndefined();
    expect(deriveRciParameters(profile, rows, 30).switchedAt).toBeUndefined();
  });

  it("does not count prorated or invalid administrations as baselines", () => {
    const prorated: Answers = { flat: { code: "often" }, empty: { code: "often" }, distant: { code: "often" }, joy: { code: "often" }, interest: { code: "often" }, body: { code: "often" } };
    expect(deriveRciParameters(numbness, [prorated, prorated, prorated], 2)).toMatchObject({
      source: "instrument",
      baselines: 0,
    });
  });

  it("falls back when the data cannot give a usable reliability", () => {
    // Every item equal within a row: α = 1, which would make the standard error 0.
    const lockstep = [0, 1, 2, 3].map((v) => rate(v, v, v, v, v));
    expect(deriveRciParameters(profile, lockstep, 4)).toMatchObject({ source: "instrument", reason: "degenerate_data", r: 0.8 });
    const same = [rate(1, 1, 1, 1, 1), rate(1, 1, 1, 1, 1)];
    expect(deriveRciParameters(profile, same, 2)).toMatchObject({ source: "instrument", reason: "degenerate_data" });
  });

  it("keeps published values whatever the data", () => {
    const testImport = parseQuestionnaire("fixtures/test-import.json", fixture);
    expect(deriveRciParameters(testImport, [], 0)).toMatchObject({
      r: 0.9,
      sd: 4,
      source: "instrument",
      reason: "published_values",
      citation: "Test fixture values",
    });
  });
});
