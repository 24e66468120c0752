import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { loadBundledInstruments } from "@/content/instruments";

import { type AnswerValue, type Answers, type Instrument } from "./fhir-schema";
import { parseQuestionnaire } from "./parse-questionnaire";
import fixture from "./fixtures/test-import.json";
import { fromQuestionnaireResponse, toQuestionnaireResponse, type ResponseMeta } from "./response";
import { enabledLinkIds, scoreResponse } from "./scoring";

const bundled = await loadBundledInstruments();
const testImport = parseQuestionnaire("fixtures/test-import.json", fixture);

const meta: ResponseMeta = {
  id: "qr-1",
  status: "completed",
  authored: "2025-03-04T10:15:00Z",
  subject: { reference: "Patient/p-1" },
  author: { reference: "Practitioner/c-1", display: "Counselor" },
};

const SYS = "http://example.org/CodeSystem/frequency";

describe("toQuestionnaireResponse", () => {
  it("nests answers like the questionnaire and drops disabled and empty items", () => {
    const qr = toQuestionnaireResponse(
      testImport,
      { a1: { code: "c" }, "has-partner": false, b1: { code: "d" }, b3: { code: "b" }, days: 3, a2: null },
      meta,
    );
    expect(qr).toEqual({
      resourceType: "QuestionnaireResponse",
      id: "qr-1",
      questionnaire: "http://example.org/fhir/Questionnaire/test-import|2.1.0",
      status: "completed",
      authored: "2025-03-04T10:15:00Z",
      subject: { reference: "Patient/p-1" },
      author: { reference: "Practitioner/c-1", display: "Counselor" },
      item: [
        {
          linkId: "part-a",
          text: "Part A",
          item: [
            {
              linkId: "a1",
              text: "A1 (ordinalValue on the coding)",
              answer: [{ valueCoding: { system: SYS, code: "c", display: "Often" } }],
            },
          ],
        },
        { linkId: "has-partner", text: "Do you have a partner?", answer: [{ valueBoolean: false }] },
        {
          linkId: "part-b",
          text: "Part B",
          item: [
            {
              linkId: "b3",
              text: "B3 (reverse, decimal weights)",
              answer: [{ valueCoding: { system: SYS, code: "b", display: "Sometimes" } }],
            },
          ],
        },
        { linkId: "days", text: "On how many days did you go outside?", answer: [{ valueInteger: 3 }] },
      ],
    });
  });

  it("refuses answers that do not fit", () => {
    expect(() => toQuestionnaireResponse(testImport, { a1: { code: "x" } }, meta)).toThrow(/not a valid answer/);
  });
});

describe("fromQuestionnaireResponse", () => {
  const base = toQuestionnaireResponse(testImport, { a1: { code: "c" }, "has-partner": true, b1: { code: "a" } }, meta);

  it("reads the answers back", () => {
    expect(fromQuestionnaireResponse(testImport, base)).toEqual({ a1: { code: "c" }, "has-partner": true, b1: { code: "a" } });
  });

  it("survives JSON serialisation", () => {
    expect(fromQuestionnaireResponse(testImport, JSON.parse(JSON.stringify(base)))).toEqual({
      a1: { code: "c" },
      "has-partner": true,
      b1: { code: "a" },
    });
  });

  it("rejects a response to another questionnaire or version", () => {
    expect(() => fromQuestionnaireResponse(testImport, { ...base, questionnaire: `${testImport.url}|2.0.0` })).toThrow(
      /it answers http:\/\/example.org\/fhir\/Questionnaire\/test-import\|2.0.0/,
    );
  });

  it("rejects unknown items, wrong nesting, wrong types, unknown codes, other systems and repeats", () => {
    const withItems = (item: unknown) => ({ ...base, item });
    expect(() => fromQuestionnaireResponse(testImport, withItems([{ linkId: "zz", answer: [{ valueBoolean: true }] }]))).toThrow(
      /unknown linkId "zz"/,
    );
    expect(() =>
      fromQuestionnaireResponse(testImport, withItems([{ linkId: "a1", answer: [{ valueCoding: { code: "a" } }] }])),
    ).toThrow(/"a1" is not nested as in the questionnaire/);
    expect(() => fromQuestionnaireResponse(testImport, withItems([{ linkId: "days", answer: [{ valueDecimal: 2.5 }] }]))).toThrow(
      /the answer to "days" does not fit its integer item/,
    );
    expect(() =>
      fromQuestionnaireResponse(testImport, withItems([{ linkId: "part-b", item: [{ linkId: "b2", answer: [{ valueCoding: { code: "q" } }] }] }])),
    ).toThrow(/the answer to "b2" is not one of its options/);
    expect(() =>
      fromQuestionnaireResponse(
        testImport,
        withItems([{ linkId: "part-b", item: [{ linkId: "b2", answer: [{ valueCoding: { system: "urn:other", code: "a" } }] }] }]),
      ),
    ).toThrow(/uses system urn:other/);
    expect(() =>
      fromQuestionnaireResponse(testImport, withItems([{ linkId: "has-partner", answer: [{ valueBoolean: true }, { valueBoolean: false }] }])),
    ).toThrow(/repeating answers are not supported/);
    expect(() => fromQuestionnaireResponse(testImport, { resourceType: "Observation" })).toThrow(/QuestionnaireResponse for/);
  });
});

function answersArbitrary(instrument: Instrument): fc.Arbitrary<Answers> {
  const model: Record<string, fc.Arbitrary<AnswerValue>> = {};
  for (const item of instrument.items) {
    if (item.type === "choice") model[item.linkId] = fc.constantFrom(...item.options.map((o) => ({ code: o.code })));
    if (item.type === "boolean") model[item.linkId] = fc.boolean();
    if (item.type === "integer") model[item.linkId] = fc.integer({ min: -5, max: 1000 });
  }
  return fc.record(model, { requiredKeys: [] });
}

describe.each([...bundled, testImport].map((i) => [i.id, i] as const))("round trip for %s", (_id, inst) => {
  it("fromQuestionnaireResponse(toQuestionnaireResponse(answers)) gives back the enabled answers, and scores the same", () => {
    fc.assert(
      fc.property(answersArbitrary(inst), (answers) => {
        const qr = toQuestionnaireResponse(inst, answers, meta);
        const enabled = enabledLinkIds(inst, answers);
        const kept = Object.fromEntries(Object.entries(answers).filter(([linkId]) => enabled.has(linkId)));
        const back = fromQuestionnaireResponse(inst, JSON.parse(JSON.stringify(qr)));
        expect(back).toEqual(kept);
        expect(scoreResponse(inst, back)).toEqual(scoreResponse(inst, answers));
        expect(toQuestionnaireResponse(inst, back, meta)).toEqual(qr);
      }),
    );
  });
});
