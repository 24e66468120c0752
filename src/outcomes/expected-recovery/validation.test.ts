import { describe, expect, it } from "vitest";
import type { ChangeVerdict } from "../change";
import { Z_90, type CurveFit } from "./model";
import { median, validate } from "./validation";

// A flat curve: every client is expected at 10 with SD 1, so the band is 10 ± 1.28 and a score
// above 11.28 is not on track on a higher-is-worse measure.
const flat: CurveFit = {
  beta: [10, 0, 0, 0],
  betaCovariance: [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ],
  randomCovariance: [
    [0, 0],
    [0, 0],
  ],
  residualVariance: 1,
  centre: 10,
  baselineRange: [0, 30],
  horizonWeeks: 52,
  nClients: 100,
  nScores: 1000,
  reml: 0,
  converged: true,
};
// Improvement of 5 or more points is reliable; a worsening of 5 or more is deterioration.
const verdictOf = (pre: number, post: number): ChangeVerdict => (pre - post >= 5 ? "improved" : post - pre >= 5 ? "deteriorated" : "no_reliable_change");
const w = (weeks: number, score: number) => ({ weeks, score });

describe("validate", () => {
  it("agrees with a hand count on a small set", () => {
    const high = 10 + Z_90 + 0.01;
    const clients = [
      // A: ends with no reliable change (15 → 12), flagged at week 2, end at week 6: an early warning.
      { baseline: 15, followUps: [w(1, 10), w(2, high), w(4, 10), w(6, 12)] },
      // B: ends deteriorated (10 → 16), flagged only at week 5 with its end at week 6: too late to count.
      { baseline: 10, followUps: [w(1, 10), w(3, 11), w(5, 14), w(6, 16)] },
      // C: ends deteriorated, flagged at week 1 and again later: one early warning, first at week 1.
      { baseline: 9, followUps: [w(1, 13), w(2, 13), w(8, 15)] },
      // D: ends improved (20 → 8) after a flag at week 3: a false alarm.
      { baseline: 20, followUps: [w(3, 12), w(5, 10), w(7, 8)] },
      // E: ends improved, never flagged.
      { baseline: 16, followUps: [w(1, 10), w(4, 9)] },
      // F: only the baseline: not tested.
      { baseline: 12, followUps: [] },
    ];
    const counts = validate(flat, "higher_is_worse", clients, verdictOf);
    expect(counts).toMatchObject({ tested: 5, endedPoorly: 3, endedPoorlyFlaggedEarly: 2, endedWell: 2, endedWellFlagged: 1, noVerdict: 0 });
    expect(counts.firstFlagWeeks).toEqual([1, 2, 3]);
    expect(counts.medianFirstFlagWeeks).toBe(2);
  });

  it("flags the low side on a higher-is-better measure", () => {
    const counts = validate(flat, "higher_is_better", [{ baseline: 10, followUps: [w(1, 8), w(5, 10)] }], () => "no_reliable_change");
    expect(counts).toMatchObject({ endedPoorly: 1, endedPoorlyFlaggedEarly: 1 });
  });

  it("counts clients whose baseline lies outside the curve's range as without a verdict", () => {
    const counts = validate(flat, "higher_is_worse", [{ baseline: 40, followUps: [w(1, 30), w(5, 30)] }], () => "no_reliable_change");
    expect(counts).toMatchObject({ tested: 1, noVerdict: 1, endedPoorlyFlaggedEarly: 0 });
  });

  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
