import { describe, expect, it } from "vitest";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { scoreResponse } from "@/instruments/scoring";
import { previewQuestionnaire, withScoringExtension } from "./import-preview";
import { buildScoringExtension, describeProblem, scoringFormSchema } from "./import-scoring";
import { moodScreen, moodScreenScoring } from "./testing/questionnaire";

const id = "00000000-0000-4000-8000-000000000000";

describe("what Attune understands of an uploaded questionnaire", () => {
  it("reads items, weights and the reachable range before any scoring exists", () => {
    const preview = previewQuestionnaire("upload", moodScreen());
    expect(preview.usable).toBe(true);
    expect(preview.problems).toEqual([]);
    expect(preview.scoringProblems).toEqual(["There is no scoring yet: fill in the scoring form below."]);
    expect(preview.scoredItems).toBe(4);
    expect(preview.reachable).toEqual({ min: 0, max: 12 });
    expect(preview.items.find((i) => i.linkId === "low")?.options.map((o) => o.weight)).toEqual([0, 1, 2, 3]);
    expect(preview.instrument).toBeNull();
  });

  it("refuses what it cannot read, saying where", () => {
    const noUrl = previewQuestionnaire("upload", { ...moodScreen(), url: undefined });
    expect(noUrl.usable).toBe(false);
    expect(noUrl.problems.join(" ")).toMatch(/url/);
    const half = moodScreen();
    delete half.item[1]!.answerOption![2]!.extension;
    expect(previewQuestionnaire("upload", half).problems).toEqual(["item[1].answerOption[2]: no weight"]);
    expect(previewQuestionnaire("upload", { resourceType: "Patient" }).usable).toBe(false);
  });

  it("turns the scoring form into an extension the parser accepts, and scores with it", () => {
    const form = scoringFormSchema.parse(moodScreenScoring(id));
    const instrument = parseQuestionnaire("test", withScoringExtension(moodScreen(), buildScoringExtension(form)));
    expect(instrument.scoring.bands.map((b) => [b.label, b.severity])).toEqual([
      ["Minimal", 0],
      ["Moderate", 1],
      ["Severe", 2],
    ]);
    const answers = { interest: { code: "several-days" }, low: { code: "nearly-every-day" }, sleep: { code: "more-than-half" }, tired: { code: "more-than-half" } };
    expect(scoreResponse(instrument, answers)).toMatchObject({ status: "complete", total: 8, band: { label: "Moderate" }, critical: [{ linkId: "low" }] });
  });

  it("reports form mistakes on their fields and parser problems in words", () => {
    const bad = scoringFormSchema.safeParse(moodScreenScoring(id, { bandTo: ["5", "", "12"], missingRule: "prorate", criticalMessage: "" }));
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["bands", "minimumAnswered", "criticalItem"]));
    expect(describeProblem("scoring.band[1]: gap between 5 and 6")).toBe("Band 2: gap between 5 and 6");
  });
});
