import { describe, expect, it } from "vitest";
import { loadBundledInstruments } from "@/content/instruments";
import { scoreResponse } from "@/instruments/scoring";
import { answerText, answerWeight, readAnswers } from "./answers";
import { attuneNotice, respondentOf, writtenForAttune } from "./catalog";

const bundled = await loadBundledInstruments();
const numbness = bundled.find((i) => i.id === "attune-numbness")!;

describe("reading a check-in form's answers", () => {
  it("turns codes into the scorer's answers and leaves blanks out (never zero)", () => {
    const read = readAnswers(numbness, { flat: "often", joy: "not-at-all", empty: "", distant: null });
    expect(read.answers).toEqual({ flat: { code: "often" }, joy: { code: "not-at-all" } });
    expect(read.fieldErrors).toEqual({});
    const score = scoreResponse(numbness, read.answers);
    expect(score.status).toBe("invalid");
    expect(score.total).toBeNull();
    expect(score.missing).toHaveLength(6);
  });

  it("reports a code that is not an option next to its item, and an unknown item for the form", () => {
    const read = readAnswers(numbness, { flat: "sometimes", mystery: "often" });
    expect(read.fieldErrors).toEqual({ flat: ["Choose one of the answers."] });
    expect(read.formErrors).toHaveLength(1);
  });

  it("gives the answer's words and weight, reverse-worded items included", () => {
    const joy = numbness.items.find((i) => i.linkId === "joy")!;
    expect(answerText(joy, { code: "not-at-all" })).toBe("Not at all");
    expect(answerWeight(joy, { code: "not-at-all" })).toBe(4);
    expect(answerText(joy, undefined)).toBeNull();
  });
});

describe("the check-in catalogue", () => {
  it("knows who answers each bundled check-in and marks them as written for Attune", () => {
    const who = Object.fromEntries(bundled.map((i) => [i.id, respondentOf(i)]));
    expect(who).toEqual({
      "attune-detachment-profile": "clinician",
      "attune-empathy-connection": "client",
      "attune-family-wellbeing": "family",
      "attune-numbness": "client",
    });
    for (const i of bundled) {
      expect(writtenForAttune(i)).toBe(true);
      expect(attuneNotice(i)).toMatch(/NOT a validated instrument/);
    }
    expect(attuneNotice({ url: "http://example.org/q", copyright: "Public domain", description: null })).toBeNull();
  });
});
