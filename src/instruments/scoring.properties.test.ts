import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { loadBundledInstruments } from "@/content/instruments";

import { type AnswerValue, type Answers, type Instrument } from "./fhir-schema";
import { parseQuestionnaire } from "./parse-questionnaire";
import fixture from "./fixtures/test-import.json";
import { enabledLinkIds, scoreResponse } from "./scoring";

// Property-based tests of the scorer over every bundled check-in and the test-import fixture;
// the hand-worked cases are in scoring.test.ts.
const bundled = await loadBundledInstruments();
const testImport = parseQuestionnaire("fixtures/test-import.json", fixture);
const everyInstrument: Instrument[] = [...bundled, testImport];

function valueArbitrary(instrument: Instrument, linkId: string): fc.Arbitrary<AnswerValue> | null {
  const item = instrument.items.find((i) => i.linkId === linkId);
  switch (item?.type) {
    case "choice":
      return fc.constantFrom(...item.options.map((o) => ({ code: o.code })));
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: 0, max: 7 });
    case "decimal":
      return fc.double({ min: 0, max: 100, noNaN: true });
    case "string":
      return fc.string({ minLength: 1 }).filter((s) => s.trim() !== "");
    default:
      return null;
  }
}

/** Any subset of answers (`complete`: every answerable item answered). */
function answersArbitrary(instrument: Instrument, complete = false): fc.Arbitrary<Answers> {
  const model: Record<string, fc.Arbitrary<AnswerValue>> = {};
  for (const item of instrument.items) {
    const arbitrary = valueArbitrary(instrument, item.linkId);
    if (arbitrary) model[item.linkId] = arbitrary;
  }
  return complete ? fc.record(model) : fc.record(model, { requiredKeys: [] });
}

function weightOf(instrument: Instrument, linkId: string, answer: AnswerValue | null | undefined): number {
  const item = instrument.items.find((i) => i.linkId === linkId);
  const weight = typeof answer === "object" && answer !== null ? item?.options.find((o) => o.code === answer.code)?.weight : null;
  if (weight === null || weight === undefined) throw new Error(`no weight for ${linkId}`);
  return weight;
}

/** Σ weights of the enabled answered scored items, in integer hundredths (weights have ≤ 2 decimals). */
function hundredths(instrument: Instrument, answers: Answers): { sum: number; answered: number; expected: number } {
  const enabled = enabledLinkIds(instrument, answers);
  const expected = instrument.items.filter((i) => i.scored && enabled.has(i.linkId));
  const answered = expected.filter((i) => answers[i.linkId] !== undefined);
  return {
    sum: answered.reduce((acc, i) => acc + Math.round(weightOf(instrument, i.linkId, answers[i.linkId]) * 100), 0),
    answered: answered.length,
    expected: expected.length,
  };
}

describe.each(everyInstrument.map((i) => [i.id, i] as const))("properties of %s", (_id, inst) => {
  it("scores stay inside the declared range and always fall in a band", () => {
    fc.assert(
      fc.property(answersArbitrary(inst), (answers) => {
        const result = scoreResponse(inst, answers);
        expect(result.answered + result.missing.length).toBe(result.expected);
        expect(result.total === null).toBe(result.status === "invalid");
        if (result.total !== null) {
          expect(result.total).toBeGreaterThanOrEqual(inst.scoring.total.min);
          expect(result.total).toBeLessThanOrEqual(inst.scoring.total.max);
          expect(result.band).not.toBeNull();
        }
        for (const subscale of inst.scoring.subscales) {
          const value = result.subscales[subscale.id];
          if (value !== null && value !== undefined) {
            expect(value).toBeGreaterThanOrEqual(subscale.range.min);
            expect(value).toBeLessThanOrEqual(subscale.range.max);
          }
        }
      }),
    );
  });

  it("a prorated total is sum × expected / answered, and a complete one the plain sum", () => {
    fc.assert(
      fc.property(answersArbitrary(inst), (answers) => {
        const result = scoreResponse(inst, answers);
        if (result.status === "invalid" || inst.scoring.total.method !== "sum" || inst.scoring.total.multiplier !== 1) return;
        const { sum, answered, expected } = hundredths(inst, answers);
        // Round half up in integer arithmetic: (2·sum·expected + answered) div (2·answered).
        const rounded = Math.floor((2 * sum * expected + answered) / (2 * answered)) / 100;
        expect(result.total).toBe(rounded);
        if (result.status === "complete") expect(result.total).toBe(sum / 100);
      }),
    );
  });

  it("proration of a complete response equals the plain sum", () => {
    const strict: Instrument = { ...inst, scoring: { ...inst.scoring, missing: { rule: "invalid" } } };
    const lenient: Instrument = {
      ...inst,
      scoring: { ...inst.scoring, missing: { rule: "prorate", minimumAnswered: 1 } },
    };
    fc.assert(
      fc.property(answersArbitrary(inst, true), (answers) => {
        const plain = scoreResponse(strict, answers);
        const prorated = scoreResponse(lenient, answers);
        expect(plain.status).toBe("complete");
        expect(prorated.total).toBe(plain.total);
        if (inst.scoring.total.method === "sum") expect(plain.total).toBe(hundredths(inst, answers).sum / 100);
      }),
    );
  });

  it("mirroring an item's weights (w → max + min − w) changes the total by the mirrored amount", () => {
    const scored = inst.items.filter((i) => i.scored);
    fc.assert(
      fc.property(answersArbitrary(inst, true), fc.constantFrom(...scored.map((i) => i.linkId)), (answers, linkId) => {
        if (inst.scoring.total.method !== "sum" || !enabledLinkIds(inst, answers).has(linkId)) return;
        const target = scored.find((i) => i.linkId === linkId);
        if (!target?.weightRange) throw new Error("unscored");
        const { min, max } = target.weightRange;
        const mirrored: Instrument = {
          ...inst,
          items: inst.items.map((item) =>
            item.linkId !== linkId
              ? item
              : {
                  ...item,
                  // toFixed keeps 3 − 2.05 at 0.95 rather than 0.9500000000000002.
                  options: item.options.map((o) => ({ ...o, weight: Number((max + min - (o.weight ?? 0)).toFixed(10)) })),
                },
          ),
        };
        const w = weightOf(inst, linkId, answers[linkId]);
        const before = scoreResponse(inst, answers).total ?? Number.NaN;
        const after = scoreResponse(mirrored, answers).total ?? Number.NaN;
        expect(after - before).toBeCloseTo((max + min - 2 * w) * inst.scoring.total.multiplier, 9);
      }),
    );
  });
});
