import { describe, expect, it } from "vitest";

import { loadBundledInstruments } from "@/content/instruments";

import { type Instrument } from "./fhir-schema";
import { parseQuestionnaire } from "./parse-questionnaire";
import fixture from "./fixtures/test-import.json";
import { enabledLinkIds, exact, roundExact, scoreResponse } from "./scoring";

const bundled = await loadBundledInstruments();
const testImport = parseQuestionnaire("fixtures/test-import.json", fixture);

function instrument(id: string): Instrument {
  const found = bundled.find((i) => i.id === id);
  if (!found) throw new Error(`no bundled instrument ${id}`);
  return found;
}

const c = (code: string) => ({ code });
// Frequency answers of the bundled check-ins; forward items weigh 0..4 in this order.
const NOT = c("not-at-all");
const ONCE = c("once-in-a-while");
const SOME = c("some-of-the-time");
const OFTEN = c("often");
const NEARLY = c("nearly-all-the-time");

describe("exact arithmetic", () => {
  it("reads decimals as written and rounds half away from zero once", () => {
    expect(exact(2.05)).toEqual({ n: 41n, d: 20n });
    expect(exact(1e-7)).toEqual({ n: 1n, d: 10_000_000n });
    expect(roundExact({ n: 9075n, d: 1000n })).toBe(9.08);
    expect(roundExact({ n: -9075n, d: 1000n })).toBe(-9.08);
    expect(roundExact({ n: 104n, d: 7n })).toBe(14.86);
  });
});

describe("emotional numbness check-in (higher is worse; joy and naming are reverse-worded)", () => {
  const numb = instrument("attune-numbness");

  it("complete response", () => {
    const result = scoreResponse(numb, {
      flat: OFTEN, // 3
      empty: SOME, // 2
      distant: OFTEN, // 3
      joy: ONCE, // reverse: 3
      interest: SOME, // 2
      body: ONCE, // 1
      naming: NEARLY, // reverse: 0
      worth: NOT, // 0
    });
    // 3 + 2 + 3 + 3 + 2 + 1 + 0 + 0 = 14 → "Some" (8 ≤ 14 < 16)
    expect(result).toEqual({
      status: "complete",
      total: 14,
      subscales: {},
      band: { label: "Some", severity: 1 },
      answered: 8,
      expected: 8,
      missing: [],
      critical: [],
    });
  });

  it("prorated response with the critical item raised", () => {
    const result = scoreResponse(numb, {
      flat: NEARLY, // 4
      empty: NEARLY, // 4
      distant: OFTEN, // 3
      joy: NOT, // reverse: 4
      body: OFTEN, // 3
      worth: OFTEN, // 3, critical
    });
    // 6 of 8 answered (minimum 6): (4 + 4 + 3 + 4 + 3 + 3) × 8/6 = 21 × 8/6 = 28 → "Severe".
    // Filling the two gaps with 0 would give 21 ("Marked"): a missing answer is not zero.
    expect(result.status).toBe("prorated");
    expect(result.total).toBe(28);
    expect(result.band).toEqual({ label: "Severe", severity: 3 });
    expect(result.missing).toEqual(["interest", "naming"]);
    expect([result.answered, result.expected]).toEqual([6, 8]);
    expect(result.critical.map((a) => a.linkId)).toEqual(["worth"]);
    expect(result.critical[0]?.message).toContain("Follow up with them today");
  });

  it("prorated response with a fraction", () => {
    const result = scoreResponse(numb, {
      flat: SOME, // 2
      empty: SOME, // 2
      distant: SOME, // 2
      joy: SOME, // reverse: 2
      interest: SOME, // 2
      naming: OFTEN, // reverse: 1
      worth: SOME, // 2, below the alert
    });
    // 13 × 8/7 = 104/7 = 14.857… → 14.86 → "Some"
    expect(result.status).toBe("prorated");
    expect(result.total).toBe(14.86);
    expect(result.band?.label).toBe("Some");
    expect(result.critical).toEqual([]);
  });

  it("too few answers is invalid, yet the critical answer still raises its alert", () => {
    const result = scoreResponse(numb, { flat: NOT, empty: NOT, distant: NOT, joy: NEARLY, worth: NEARLY });
    // 5 answered < 6
    expect(result.status).toBe("invalid");
    expect(result.total).toBeNull();
    expect(result.band).toBeNull();
    expect(result.missing).toEqual(["interest", "body", "naming"]);
    expect(result.critical.map((a) => a.linkId)).toEqual(["worth"]);
  });

  it("band edges: 0 is Low, 8 opens Some, 32 is Severe", () => {
    const best = { flat: NOT, empty: NOT, distant: NOT, joy: NEARLY, interest: NOT, body: NOT, naming: NEARLY, worth: NOT };
    expect(scoreResponse(numb, best)).toMatchObject({ total: 0, band: { label: "Low" } });
    // 3 + 3 + 2 = 8
    expect(scoreResponse(numb, { ...best, flat: OFTEN, empty: OFTEN, distant: SOME })).toMatchObject({
      total: 8,
      band: { label: "Some" },
    });
    // 3 + 3 + 1 = 7
    expect(scoreResponse(numb, { ...best, flat: OFTEN, empty: OFTEN, distant: ONCE })).toMatchObject({
      total: 7,
      band: { label: "Low" },
    });
    const worst = { flat: NEARLY, empty: NEARLY, distant: NEARLY, joy: NOT, interest: NEARLY, body: NEARLY, naming: NOT, worth: NEARLY };
    expect(scoreResponse(numb, worst)).toMatchObject({ total: 32, band: { label: "Severe", severity: 3 } });
  });
});

describe("empathy and connection check-in (higher is better; two sum subscales)", () => {
  const emp = instrument("attune-empathy-connection");

  it("complete response", () => {
    const result = scoreResponse(emp, {
      sense: OFTEN, // 3
      impact: NEARLY, // 4
      perspective: SOME, // 2
      glad: ONCE, // 1   → empathy 10
      close: OFTEN, // 3
      "reach-out": ONCE, // 1
      belong: NOT, // 0
      seen: SOME, // 2   → connection 6
    });
    // total 10 + 6 = 16 → "Building" (12 ≤ 16 < 22)
    expect(result).toMatchObject({
      status: "complete",
      total: 16,
      subscales: { empathy: 10, connection: 6 },
      band: { label: "Building", severity: 1 },
    });
  });

  it("prorated total, with a subscale below its own minimum", () => {
    const result = scoreResponse(emp, {
      sense: SOME, impact: SOME, perspective: SOME, glad: SOME, // empathy 8
      close: ONCE, "reach-out": ONCE, // connection: 2 of 4 answered
    });
    // total: 6 of 8 answered: (8 + 2) × 8/6 = 13.333… → 13.33 "Building"
    // connection: 2 answered < its minimum of 3 → null
    expect(result).toMatchObject({
      status: "prorated",
      total: 13.33,
      subscales: { empathy: 8, connection: null },
      band: { label: "Building" },
      missing: ["belong", "seen"],
    });
  });

  it("prorated subscale", () => {
    const result = scoreResponse(emp, {
      sense: NEARLY, impact: NEARLY, perspective: OFTEN, glad: NEARLY, // empathy 15
      close: NEARLY, "reach-out": OFTEN, belong: NEARLY, // connection 3 of 4: 11 × 4/3 = 14.666… → 14.67
    });
    // total: 26 × 8/7 = 29.714… → 29.71 "Strong"
    expect(result).toMatchObject({
      status: "prorated",
      total: 29.71,
      subscales: { empathy: 15, connection: 14.67 },
      band: { label: "Strong", severity: 0 },
    });
  });

  it("invalid total keeps a complete subscale", () => {
    const result = scoreResponse(emp, { sense: ONCE, impact: ONCE, perspective: ONCE, glad: ONCE, close: NOT });
    // 5 answered < 6 → no total; empathy 1 + 1 + 1 + 1 = 4; connection 1 of 4 → null
    expect(result).toMatchObject({ status: "invalid", total: null, band: null, subscales: { empathy: 4, connection: null } });
  });
});

describe("detachment profile (clinician-rated; higher is better; missing answers invalidate)", () => {
  const profile = instrument("attune-detachment-profile");
  const rate = (awareness: number, state: number, purpose: number, relationships: number, longTerm: number) => ({
    awareness: c(`awareness-${awareness}`),
    "emotional-state": c(`emotional-state-${state}`),
    purpose: c(`purpose-${purpose}`),
    relationships: c(`relationships-${relationships}`),
    "long-term": c(`long-term-${longTerm}`),
  });

  it("scores the five aspects", () => {
    // 1 + 0 + 2 + 1 + 1 = 5 → "Mostly avoidance"
    expect(scoreResponse(profile, rate(1, 0, 2, 1, 1))).toMatchObject({
      status: "complete",
      total: 5,
      band: { label: "Mostly avoidance", severity: 2 },
    });
    // 3 + 3 + 2 + 3 + 2 = 13 → "Mixed" (7 ≤ 13 < 14)
    expect(scoreResponse(profile, rate(3, 3, 2, 3, 2))).toMatchObject({ total: 13, band: { label: "Mixed" } });
    // 3 + 3 + 2 + 4 + 2 = 14 → "Mostly healthy detachment"
    expect(scoreResponse(profile, rate(3, 3, 2, 4, 2))).toMatchObject({
      total: 14,
      band: { label: "Mostly healthy detachment", severity: 0 },
    });
  });

  it("one unrated aspect makes the profile invalid", () => {
    const { purpose: _dropped, ...partial } = rate(4, 4, 4, 4, 4);
    expect(scoreResponse(profile, partial)).toEqual({
      status: "invalid",
      total: null,
      subscales: {},
      band: null,
      answered: 4,
      expected: 5,
      missing: ["purpose"],
      critical: [],
    });
  });
});

describe("family member wellbeing check-in (higher is better; resentment-guilt is reverse-worded)", () => {
  const family = instrument("attune-family-wellbeing");

  it("complete response", () => {
    const result = scoreResponse(family, {
      limits: OFTEN, // 3
      "self-care": ONCE, // 1
      "resentment-guilt": OFTEN, // reverse: 1
      hope: SOME, // 2
      "step-back": ONCE, // 1
      support: NEARLY, // 4
    });
    // 3 + 1 + 1 + 2 + 1 + 4 = 12 → "Mixed"
    expect(result).toMatchObject({ status: "complete", total: 12, band: { label: "Mixed", severity: 1 } });
  });

  it("prorated response", () => {
    const result = scoreResponse(family, {
      limits: NEARLY, // 4
      "self-care": OFTEN, // 3
      "resentment-guilt": NOT, // reverse: 4
      hope: OFTEN, // 3
      "step-back": OFTEN, // 3
    });
    // 17 × 6/5 = 20.4 → "Steady"
    expect(result).toMatchObject({ status: "prorated", total: 20.4, band: { label: "Steady" }, missing: ["support"] });
  });

  it("four answers are too few", () => {
    const result = scoreResponse(family, { limits: NOT, "self-care": NOT, hope: NOT, support: NOT });
    expect(result).toMatchObject({ status: "invalid", total: null, answered: 4, expected: 6 });
  });
});

describe("test-import fixture (ordinalValue weights, reverse items, sum and mean subscales, enableWhen)", () => {
  it("complete response with a partner", () => {
    const result = scoreResponse(testImport, {
      a1: c("c"), // 2
      a2: c("b"), // reverse: 2
      a3: c("d"), // 3   → part-a 7
      "has-partner": true,
      b1: c("b"), // 1
      b2: c("a"), // 0
      b3: c("c"), // reverse decimal: 0.95
    });
    // total 2 + 2 + 3 + 1 + 0 + 0.95 = 8.95 → "Moderate"
    // part-b: mean (1 + 0 + 0.95)/3 = 0.65, × 2 = 1.3
    expect(result).toEqual({
      status: "complete",
      total: 8.95,
      subscales: { "part-a": 7, "part-b": 1.3 },
      band: { label: "Moderate", severity: 1 },
      answered: 6,
      expected: 6,
      missing: [],
      critical: [],
    });
  });

  it("prorated response, rounded once from the exact value", () => {
    const result = scoreResponse(testImport, {
      a1: c("b"), // 1
      a2: c("c"), // reverse: 1
      "has-partner": true,
      b2: c("c"), // 2
      b3: c("b"), // reverse decimal: 2.05
    });
    // total: 4 of 6 answered: 6.05 × 6/4 = 9.075 exactly → 9.08.
    // (Binary floats give 9.074999… and would round to 9.07.)
    // part-a: a3 missing, no minimum → null.
    // part-b: 2 of 3 (minimum 2): (2 + 2.05) × 3/2 / 3 = 2.025, × 2 = 4.05
    expect(result).toEqual({
      status: "prorated",
      total: 9.08,
      subscales: { "part-a": null, "part-b": 4.05 },
      band: { label: "Moderate", severity: 1 },
      answered: 4,
      expected: 6,
      missing: ["a3", "b1"],
      critical: [],
    });
  });

  it("invalid response still scores a subscale that meets its minimum and raises alerts", () => {
    const result = scoreResponse(testImport, {
      a1: c("a"), // 0
      "has-partner": true,
      b2: c("d"), // 3, critical
      b3: c("a"), // reverse: 3
    });
    // 3 of 6 answered < 4 → invalid.
    // part-b: 2 of 3: (3 + 3)/2 = 3, × 2 = 6
    expect(result).toEqual({
      status: "invalid",
      total: null,
      subscales: { "part-a": null, "part-b": 6 },
      band: null,
      answered: 3,
      expected: 6,
      missing: ["a2", "a3", "b1"],
      critical: [{ linkId: "b2", message: "Test alert: follow up today." }],
    });
  });

  it("an item disabled by enableWhen is neither expected nor missing, and its answer is ignored", () => {
    const answers = {
      a1: c("b"), // 1
      a2: c("d"), // reverse: 0
      a3: c("b"), // 1
      "has-partner": false,
      b1: c("d"), // disabled: ignored
      b2: c("c"), // 2
      b3: c("d"), // reverse: 0
    };
    // 5 expected, 5 answered → complete, no proration: 1 + 0 + 1 + 2 + 0 = 4 → "Low"
    // part-b: mean over the 2 enabled items (2 + 0)/2 = 1, × 2 = 2
    expect(scoreResponse(testImport, answers)).toEqual({
      status: "complete",
      total: 4,
      subscales: { "part-a": 2, "part-b": 2 },
      band: { label: "Low", severity: 0 },
      answered: 5,
      expected: 5,
      missing: [],
      critical: [],
    });
    // No answer to has-partner: "=" true does not hold, so b1 is disabled as well.
    const { "has-partner": _partner, ...unanswered } = answers;
    expect(scoreResponse(testImport, unanswered)).toMatchObject({ status: "complete", total: 4, expected: 5 });
    expect(enabledLinkIds(testImport, unanswered).has("b1")).toBe(false);
  });

  it("rejects answers that do not fit the questionnaire", () => {
    expect(() => scoreResponse(testImport, { a1: c("z") })).toThrow(/code "z" is not a valid answer to choice item "a1"/);
    expect(() => scoreResponse(testImport, { nope: c("a") })).toThrow(/unknown linkId "nope"/);
    expect(() => scoreResponse(testImport, { days: 1.5 })).toThrow(/not a valid answer to integer item "days"/);
    expect(() => scoreResponse(testImport, { a1: 2 })).toThrow(/not a valid answer to choice item "a1"/);
  });
});
