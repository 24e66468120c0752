import { describe, expect, it } from "vitest";

import { InstrumentError, SCORING_EXTENSION_URL } from "./fhir-schema";
import { parseQuestionnaire } from "./parse-questionnaire";
import fixture from "./fixtures/test-import.json";

type Json = Record<string, unknown>;

function clone(): Json {
  return structuredClone(fixture) as Json;
}

function at(root: unknown, ...path: (string | number)[]): Json {
  let node: unknown = root;
  for (const key of path) {
    node = (node as Record<string | number, unknown>)[key];
    if (node === undefined) throw new Error(`fixture has no ${path.join(".")}`);
  }
  return node as Json;
}

/** The scoring extension's parts of the given url, in order. */
function parts(root: Json, url: string): Json[] {
  const scoring = (root.extension as Json[]).find((e) => e.url === SCORING_EXTENSION_URL);
  return ((scoring?.extension ?? []) as Json[]).filter((e) => e.url === url);
}

function partValue(part: Json, url: string): Json {
  const found = (part.extension as Json[]).find((e) => e.url === url);
  if (!found) throw new Error(`no ${url}`);
  return found;
}

function errorOf(json: unknown): string {
  try {
    parseQuestionnaire("content/instruments/test.json", json);
  } catch (error) {
    expect(error).toBeInstanceOf(InstrumentError);
    return (error as Error).message;
  }
  throw new Error("expected the questionnaire to be rejected");
}

describe("parseQuestionnaire on the test-import fixture", () => {
  const instrument = parseQuestionnaire("fixtures/test-import.json", fixture);

  it("reads identity and falls back to the url's last segment for a missing id", () => {
    expect(instrument.id).toBe("test-import");
    expect(instrument.canonical).toBe("http://example.org/fhir/Questionnaire/test-import|2.1.0");
    expect(instrument.title).toBe("Test import questionnaire");
    expect(instrument.status).toBe("active");
  });

  it("flattens items in document order with their parent and path", () => {
    expect(instrument.items.map((i) => [i.linkId, i.parentLinkId, i.path])).toEqual([
      ["part-a", null, "item[0]"],
      ["a1", "part-a", "item[0].item[0]"],
      ["a2", "part-a", "item[0].item[1]"],
      ["a3", "part-a", "item[0].item[2]"],
      ["has-partner", null, "item[1]"],
      ["part-b", null, "item[2]"],
      ["b1", "part-b", "item[2].item[0]"],
      ["b2", "part-b", "item[2].item[1]"],
      ["b3", "part-b", "item[2].item[2]"],
      ["closing", null, "item[3]"],
      ["days", null, "item[4]"],
    ]);
  });

  it("reads weights from ordinalValue on the coding, ordinalValue on the option and itemWeight", () => {
    const weights = (linkId: string) => instrument.items.find((i) => i.linkId === linkId)?.options.map((o) => o.weight);
    expect(weights("a1")).toEqual([0, 1, 2, 3]);
    expect(weights("a2")).toEqual([3, 2, 1, 0]);
    expect(weights("a3")).toEqual([0, 1, 2, 3]);
    expect(weights("b3")).toEqual([3, 2.05, 0.95, 0]);
    expect(instrument.items.filter((i) => i.scored).map((i) => i.linkId)).toEqual(["a1", "a2", "a3", "b1", "b2", "b3"]);
  });

  it("decodes the scoring extension", () => {
    const { scoring } = instrument;
    expect(scoring.direction).toBe("higher_is_worse");
    expect(scoring.total).toEqual({ method: "sum", min: 0, max: 18, multiplier: 1 });
    expect(scoring.missing).toEqual({ rule: "prorate", minimumAnswered: 4 });
    expect(scoring.subscales).toEqual([
      { id: "part-a", label: "Part A", method: "sum", multiplier: 1, linkIds: ["a1", "a2", "a3"], minimumAnswered: null, range: { min: 0, max: 9 } },
      // b1 can be disabled, but a mean over the items that remain still spans 0..3, times 2.
      { id: "part-b", label: "Part B", method: "mean", multiplier: 2, linkIds: ["b1", "b2", "b3"], minimumAnswered: 2, range: { min: 0, max: 6 } },
    ]);
    expect(scoring.bands.map((b) => [b.from, b.to, b.label, b.severity])).toEqual([
      [0, 6, "Low", 0],
      [6, 12, "Moderate", 1],
      [12, 18, "High", 2],
    ]);
    expect(scoring.critical).toEqual([{ linkId: "b2", answerCodes: ["d"], message: "Test alert: follow up today." }]);
    expect(scoring.rci).toEqual({ source: "published", r: 0.9, sd: 4, citation: "Test fixture values" });
    expect(scoring.norms).toEqual({
      functional: { mean: 3, sd: 2, citation: "Test functional norm" },
      dysfunctional: { mean: 11, sd: 3, citation: "Test dysfunctional norm" },
    });
  });

  it("keeps enableWhen as conditions", () => {
    const b1 = instrument.items.find((i) => i.linkId === "b1");
    expect(b1?.enableWhen).toEqual([{ question: "has-partner", operator: "=", answer: true }]);
    expect(b1?.enableBehavior).toBe("all");
  });
});

describe("parseQuestionnaire rejects malformed questionnaires, naming the file and the reason", () => {
  it("a scored choice option without a weight", () => {
    const q = clone();
    delete at(q, "item", 2, "item", 1, "answerOption", 1).extension;
    expect(errorOf(q)).toBe("content/instruments/test.json: item[2].item[1].answerOption[1]: no weight");
  });

  it("conflicting itemWeight and ordinalValue on one option", () => {
    const q = clone();
    at(q, "item", 0, "item", 0, "answerOption", 2).extension = [
      { url: "http://hl7.org/fhir/StructureDefinition/itemWeight", valueDecimal: 5 },
    ];
    expect(errorOf(q)).toBe("content/instruments/test.json: item[0].item[0].answerOption[2]: conflicting weights 5, 2");
  });

  it("a weight extension without valueDecimal", () => {
    const q = clone();
    at(q, "item", 2, "item", 1, "answerOption", 0).extension = [
      { url: "http://hl7.org/fhir/StructureDefinition/itemWeight", valueInteger: 0 },
    ];
    expect(errorOf(q)).toContain("item[2].item[1].answerOption[0]: http://hl7.org/fhir/StructureDefinition/itemWeight needs a finite valueDecimal");
  });

  it("duplicate linkIds", () => {
    const q = clone();
    at(q, "item", 2, "item", 1).linkId = "a1";
    expect(errorOf(q)).toBe('content/instruments/test.json: item[2].item[1]: duplicate linkId "a1"');
  });

  it("duplicate answer codes in one item", () => {
    const q = clone();
    at(q, "item", 2, "item", 1, "answerOption", 3, "valueCoding").code = "a";
    expect(errorOf(q)).toContain('item[2].item[1].answerOption[3]: duplicate answer code "a"');
  });

  it("a subscale naming an unknown or unscored linkId", () => {
    const q = clone();
    const subscale = parts(q, "subscale")[0];
    if (!subscale) throw new Error("no subscale");
    (subscale.extension as Json[]).push({ url: "item", valueString: "zz" }, { url: "item", valueString: "days" });
    expect(errorOf(q)).toBe(
      'content/instruments/test.json: scoring.subscale[0].item[3]: linkId "zz" does not exist; ' +
        'scoring.subscale[0].item[4]: linkId "days" is not a scored item',
    );
  });

  it("bands with a gap", () => {
    const q = clone();
    const band = parts(q, "band")[1];
    if (!band) throw new Error("no band");
    partValue(band, "from").valueDecimal = 7;
    expect(errorOf(q)).toBe("content/instruments/test.json: scoring.band[1]: gap between 6 and 7");
  });

  it("bands that overlap", () => {
    const q = clone();
    const band = parts(q, "band")[2];
    if (!band) throw new Error("no band");
    partValue(band, "from").valueDecimal = 11;
    expect(errorOf(q)).toBe("content/instruments/test.json: scoring.band[2]: overlaps the band before it (from 11 < 12)");
  });

  it("bands that stop short of the total maximum", () => {
    const q = clone();
    const band = parts(q, "band")[2];
    if (!band) throw new Error("no band");
    partValue(band, "to").valueDecimal = 17;
    expect(errorOf(q)).toBe("content/instruments/test.json: scoring.band[2]: ends at 17 but the total maximum is 18");
  });

  it("a band bound of the wrong type, located by the slice names", () => {
    const q = clone();
    const band = parts(q, "band")[0];
    if (!band) throw new Error("no band");
    const to = partValue(band, "to");
    delete to.valueDecimal;
    to.valueString = "6";
    expect(errorOf(q)).toMatch(/^content\/instruments\/test\.json: scoring\.band\[0\]\.to/);
  });

  it("a critical answer code that is not an option", () => {
    const q = clone();
    const critical = parts(q, "critical")[0];
    if (!critical) throw new Error("no critical");
    (critical.extension as Json[]).push({ url: "answer", valueCode: "z" });
    expect(errorOf(q)).toBe('content/instruments/test.json: scoring.critical: answer code "z" is not an option of "b2"');
  });

  it("a declared range that does not contain what the weights can reach", () => {
    const q = clone();
    const total = parts(q, "total")[0];
    if (!total) throw new Error("no total");
    partValue(total, "max").valueDecimal = 17;
    const band = parts(q, "band")[2];
    if (!band) throw new Error("no band");
    partValue(band, "to").valueDecimal = 17;
    expect(errorOf(q)).toBe(
      "content/instruments/test.json: scoring.total: declared range 0..17 does not contain the reachable range 0..18",
    );
  });

  it("proration across items on different weight ranges", () => {
    const q = clone();
    at(q, "item", 2, "item", 2, "answerOption", 0).extension = [
      { url: "http://hl7.org/fhir/StructureDefinition/itemWeight", valueDecimal: 2 },
    ];
    expect(errorOf(q)).toBe(
      "content/instruments/test.json: scoring.missing: proration needs every scored item on the same weight range (b3 differs)",
    );
  });

  it("a missing scoring extension", () => {
    const q = clone();
    q.extension = [];
    expect(errorOf(q)).toBe(`content/instruments/test.json: extension: exactly one ${SCORING_EXTENSION_URL} extension is required`);
  });

  it("a scoring extension without a direction", () => {
    const q = clone();
    const scoring = (q.extension as Json[])[0];
    if (!scoring) throw new Error("no extension");
    scoring.extension = (scoring.extension as Json[]).filter((e) => e.url !== "direction");
    expect(errorOf(q)).toBe('content/instruments/test.json: scoring: "direction" is required');
  });

  it("an unknown part in the scoring extension", () => {
    const q = clone();
    const scoring = (q.extension as Json[])[0];
    if (!scoring) throw new Error("no extension");
    (scoring.extension as Json[]).push({ url: "colour", valueString: "blue" });
    expect(errorOf(q)).toContain("content/instruments/test.json: scoring.colour.url: Invalid discriminator value");
  });

  it("the prorate rule without minimumAnswered", () => {
    const q = clone();
    const missing = parts(q, "missing")[0];
    if (!missing) throw new Error("no missing");
    missing.extension = [{ url: "rule", valueCode: "prorate" }];
    expect(errorOf(q)).toBe("content/instruments/test.json: scoring.missing: the prorate rule needs minimumAnswered");
  });

  it("a reliability of 1 or more", () => {
    const q = clone();
    const rci = parts(q, "rci")[0];
    if (!rci) throw new Error("no rci");
    partValue(rci, "r").valueDecimal = 1;
    expect(errorOf(q)).toBe("content/instruments/test.json: scoring.rci.r.valueDecimal: must be at least 0 and below 1");
  });

  it("an unsupported item type", () => {
    const q = clone();
    at(q, "item", 4).type = "date";
    expect(errorOf(q)).toMatch(/^content\/instruments\/test\.json: item\[4\]\.type: unsupported item type/);
  });

  it("answer options that are not codings", () => {
    const q = clone();
    at(q, "item", 0, "item", 0).answerOption = [{ valueInteger: 1 }];
    expect(errorOf(q)).toBe(
      "content/instruments/test.json: item[0].item[0].answerOption[0].valueCoding: only valueCoding answer options are supported",
    );
  });

  it("enableWhen naming an unknown question", () => {
    const q = clone();
    at(q, "item", 2, "item", 0, "enableWhen", 0).question = "nobody";
    expect(errorOf(q)).toBe('content/instruments/test.json: item[2].item[0].enableWhen[0]: question "nobody" does not exist');
  });

  it("enableWhen with an answer of the wrong type", () => {
    const q = clone();
    at(q, "item", 2, "item", 0).enableWhen = [{ question: "has-partner", operator: "=", answerString: "yes" }];
    expect(errorOf(q)).toContain('item[2].item[0].enableWhen[0]: answer does not match the boolean item "has-partner"');
  });

  it("an enableWhen cycle", () => {
    const q = clone();
    at(q, "item", 1).enableWhen = [{ question: "b1", operator: "exists", answerBoolean: true }];
    expect(errorOf(q)).toContain("enableWhen cycle");
  });

  it("something that is not a Questionnaire", () => {
    expect(errorOf({ resourceType: "Patient" })).toMatch(/^content\/instruments\/test\.json: resourceType: /);
    expect(errorOf(null)).toMatch(/^content\/instruments\/test\.json: /);
  });
});
