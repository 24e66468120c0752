import { describe, expect, it } from "vitest";
import { loadBundledInstruments } from "@/content/instruments";
import fixture from "@/instruments/fixtures/test-import.json";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { LOINC, scoreObservations, type Row } from "./fhir-bundle";

const row = (url: string, version: string): Row => ({
  id: "3f1c8a0e-1d2b-4c5d-8e9f-0a1b2c3d4e5f", at: "2026-11-02T15:00:00.000Z", url, version, status: "complete", total: 9, subscales: {}, band: null, answers: {},
  rater_id: null, rater_name: null, contact_id: null, contact_name: null, relationship: null,
});
const subject = { reference: "urn:uuid:client" };

describe("standard codes on score Observations", () => {
  it("carries an imported questionnaire's LOINC code beside the local score code", () => {
    const withLoinc = { ...structuredClone(fixture), code: [{ system: "https://example.org/local", code: "mood" }, { system: LOINC, code: "44249-1", display: "PHQ-9 quick depression assessment panel" }] };
    const instrument = parseQuestionnaire("phq-like.json", withLoinc);
    const [total] = scoreObservations(instrument, row(instrument.url, instrument.version), subject, {});
    expect(total!.code.coding).toEqual([
      { system: `${instrument.url}/score`, code: "total", display: `${instrument.title} total` },
      { system: LOINC, code: "44249-1", display: "PHQ-9 quick depression assessment panel" },
      { system: "https://example.org/local", code: "mood" },
    ]);
  });

  it("gives Attune's bundled check-ins local codes only: they have no LOINC code", async () => {
    for (const instrument of await loadBundledInstruments()) {
      expect(instrument.code.some((c) => c.system === LOINC), instrument.title).toBe(false);
      const [total] = scoreObservations(instrument, row(instrument.url, instrument.version), subject, {});
      expect(total!.code.coding!.every((c) => c.system?.startsWith("https://attune.health/")), instrument.title).toBe(true);
    }
  });
});
