import { describe, expect, it } from "vitest";
import { buildScoringExtension, scoringFormSchema } from "@/checkins/import-scoring";
import { withScoringExtension } from "@/checkins/import-preview";
import { moodScreen, moodScreenScoring } from "@/checkins/testing/questionnaire";
import { type Instrument } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { moveOf, summariseItems, thin, type ItemAdministration } from "./item-summary";

function mood(version = "1.0.0", reverseSleep = false): Instrument {
  const q = moodScreen(version);
  if (reverseSleep) {
    // Version 2 scores "sleep" the other way round (3..0): the same code must count differently.
    const sleep = q.item.find((i) => i.linkId === "sleep")!;
    sleep.answerOption!.forEach((o, k) => (o.extension![0]!.valueDecimal = 3 - k));
  }
  const form = scoringFormSchema.parse(moodScreenScoring("00000000-0000-4000-8000-000000000001"));
  return parseQuestionnaire("test", withScoringExtension(q, buildScoringExtension(form)));
}

const CODES = ["not-at-all", "several-days", "more-than-half", "nearly-every-day"];
const answer = (interest: number, low: number, sleep: number, tired: number | null) => ({
  interest: { code: CODES[interest]! },
  low: { code: CODES[low]! },
  sleep: { code: CODES[sleep]! },
  ...(tired === null ? {} : { tired: { code: CODES[tired]! } }),
});

function run(v1: Instrument, answers: ReturnType<typeof answer>[], canonical = v1.canonical): ItemAdministration[] {
  return answers.map((a, k) => ({ at: `2026-0${k + 1}-01T12:00:00.000Z`, day: `2026-0${k + 1}-01`, canonical, answers: a }));
}

describe("item trends", () => {
  it("compares the mean of the first three answers with the last three, most change first (hand-worked)", () => {
    const v1 = mood();
    // interest: 3,3,2 | 1,0,0 → start 8/3 = 2.67, end 1/3 = 0.33, change −2.33 (lower is better here: better)
    // low:      1,1,1 | 1,2,3 → start 1, end 2, change +1 (a quarter of 0..3 is 0.75: worse)
    // sleep:    2,2,2 | 2,2,2 → no change
    // tired:    0,0,1 | 1,1,0 → start 0.33, end 0.67, change +0.33 (< 0.75: little change)
    const rows = run(v1, [answer(3, 1, 2, 0), answer(3, 1, 2, 0), answer(2, 1, 2, 1), answer(1, 1, 2, 1), answer(0, 2, 2, 1), answer(0, 3, 2, 0)]);
    const items = summariseItems(v1, new Map([[v1.canonical, v1]]), rows);
    expect(items.map((i) => i.linkId)).toEqual(["interest", "low", "tired", "sleep"]);
    const [interest, low, tired, sleep] = items;
    expect(interest).toMatchObject({ start: { value: 2.67, from: "2026-01-01", to: "2026-03-01" }, end: { value: 0.33, from: "2026-04-01", to: "2026-06-01" }, change: -2.33, move: "better", answered: 6 });
    expect(low).toMatchObject({ start: { value: 1 }, end: { value: 2 }, change: 1, move: "worse" });
    expect(tired).toMatchObject({ change: 0.33, move: "no_move" });
    expect(sleep).toMatchObject({ change: 0, move: "no_move", values: [2, 2, 2, 2, 2, 2] });
    expect(interest!.text).toBe("Little interest or pleasure in doing things you usually like");
    expect(items.every((i) => !i.reversed)).toBe(true);
  });

  it("reads each check-in with the weights of the version that scored it", () => {
    const v1 = mood("1.0.0");
    const v2 = mood("2.0.0", true);
    // The same answer code "nearly-every-day" for sleep is 3 under v1 and 0 under v2.
    const rows = [...run(v1, [answer(0, 0, 3, 0)], v1.canonical), ...run(v1, [answer(0, 0, 3, 0)], v2.canonical).map((r) => ({ ...r, day: "2026-02-01" }))];
    const items = summariseItems(v2, new Map([[v1.canonical, v1], [v2.canonical, v2]]), rows);
    const sleep = items.find((i) => i.linkId === "sleep")!;
    expect(sleep.values).toEqual([3, 0]);
    expect(sleep.reversed).toBe(true);
    expect(sleep).toMatchObject({ start: { value: 3 }, end: { value: 0 }, change: -3, move: "better" });
  });

  it("leaves out what it cannot read: unknown versions, unanswered items, too few check-ins", () => {
    const v1 = mood();
    const rows = run(v1, [answer(1, 1, 1, null)]);
    rows.push({ ...rows[0]!, canonical: "http://example.org/unknown|9" });
    const items = summariseItems(v1, new Map([[v1.canonical, v1]]), rows);
    const tired = items.find((i) => i.linkId === "tired")!;
    expect(tired).toMatchObject({ answered: 0, values: [], start: null, end: null, change: null, move: null });
    // One check-in: no start and end to compare.
    expect(items.find((i) => i.linkId === "interest")).toMatchObject({ answered: 1, start: null, change: null });
  });

  it("says which way is better from the instrument's direction", () => {
    expect(moveOf(-1, 3, "higher_is_worse")).toBe("better");
    expect(moveOf(-1, 3, "higher_is_better")).toBe("worse");
    expect(moveOf(0.5, 3, "higher_is_better")).toBe("no_move");
    expect(moveOf(0.75, 3, "higher_is_better")).toBe("better");
  });

  it("thins a long line by averaging equal runs", () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(thin([1, 3, 5, 7, 0, 2], 3)).toEqual([2, 6, 1]);
    expect(thin(Array.from({ length: 500 }, (_, k) => k % 5)).length).toBe(60);
  });
});
