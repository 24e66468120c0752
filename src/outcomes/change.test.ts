import { describe, expect, it } from "vitest";

import { clinicalCutoff, computeChange } from "./change";

// SD = 7.5, r = 0.88:
//   S_E    = 7.5 · √0.12 = 7.5 · 0.346410 = 2.598076
//   S_diff = √2 · 2.598076 = 3.674235
const sd = 7.5;
const r = 0.88;

describe("computeChange on a higher-is-worse scale", () => {
  // Functional norm M0 = 10, SD0 = 5; dysfunctional norm M1 = 28, SD1 = 7.5
  //   c = (SD0·M1 + SD1·M0)/(SD0 + SD1) = (5·28 + 7.5·10)/12.5 = 215/12.5 = 17.2
  //   a = M1 − 2·SD1 = 28 − 15 = 13
  //   b = M0 + 2·SD0 = 10 + 10 = 20
  const functional = { mean: 10, sd: 5 };
  const dysfunctional = { mean: 28, sd: 7.5 };

  it("28 → 16 is a reliable improvement that crosses cut-off c: recovered", () => {
    const result = computeChange({ pre: 28, post: 16, sd, r, direction: "higher_is_worse", norms: { functional, dysfunctional } });
    expect(result.se).toBeCloseTo(2.598, 3);
    expect(result.sdiff).toBeCloseTo(3.674, 3);
    // (16 − 28)/3.674235 = −3.266
    expect(result.difference).toBe(-12);
    expect(result.rci).toBeCloseTo(-3.27, 2);
    expect(result.reliable).toBe(true);
    expect(result.cutoff).toBeCloseTo(17.2, 10);
    expect(result.cutoffMethod).toBe("c");
    expect(result.crossedCutoff).toBe(true);
    expect(result.verdict).toBe("recovered");
  });

  it("with only the dysfunctional norm (cut-off a = 13), 16 is not across: improved", () => {
    const result = computeChange({ pre: 28, post: 16, sd, r, direction: "higher_is_worse", norms: { dysfunctional } });
    expect(result.cutoff).toBe(13);
    expect(result.cutoffMethod).toBe("a");
    expect(result.verdict).toBe("improved");
  });

  it("with only the functional norm (cut-off b = 20), 16 is across: recovered", () => {
    const result = computeChange({ pre: 28, post: 16, sd, r, direction: "higher_is_worse", norms: { functional } });
    expect(result.cutoff).toBe(20);
    expect(result.cutoffMethod).toBe("b");
    expect(result.verdict).toBe("recovered");
  });

  it("a reliable improvement that started on the functional side is improved, not recovered", () => {
    // 17 < 17.2 is already functional; (4 − 17)/3.674235 = −3.54
    const result = computeChange({ pre: 17, post: 4, sd, r, direction: "higher_is_worse", norms: { functional, dysfunctional } });
    expect(result.rci).toBeCloseTo(-3.54, 2);
    expect(result.crossedCutoff).toBe(false);
    expect(result.verdict).toBe("improved");
  });

  it("16 → 28 is a reliable deterioration", () => {
    const result = computeChange({ pre: 16, post: 28, sd, r, direction: "higher_is_worse", norms: { functional, dysfunctional } });
    expect(result.rci).toBeCloseTo(3.27, 2);
    expect(result.verdict).toBe("deteriorated");
  });

  it("28 → 24 is not reliable: (24 − 28)/3.674235 = −1.089", () => {
    const result = computeChange({ pre: 28, post: 24, sd, r, direction: "higher_is_worse" });
    expect(result.rci).toBeCloseTo(-1.089, 3);
    expect(result.reliable).toBe(false);
    expect(result.verdict).toBe("no_reliable_change");
  });

  it("without norms there is no cut-off, so a reliable improvement is improved", () => {
    const result = computeChange({ pre: 28, post: 16, sd, r, direction: "higher_is_worse" });
    expect(result.cutoff).toBeNull();
    expect(result.cutoffMethod).toBeNull();
    expect(result.crossedCutoff).toBe(false);
    expect(result.verdict).toBe("improved");
    expect(computeChange({ pre: 28, post: 16, sd, r, direction: "higher_is_worse", norms: null }).verdict).toBe("improved");
  });
});

describe("computeChange on a higher-is-better scale", () => {
  // Functional M0 = 30, SD0 = 5; dysfunctional M1 = 12, SD1 = 7.5
  //   c = (5·12 + 7.5·30)/12.5 = (60 + 225)/12.5 = 22.8
  //   a = M1 + 2·SD1 = 12 + 15 = 27
  //   b = M0 − 2·SD0 = 30 − 10 = 20
  const functional = { mean: 30, sd: 5 };
  const dysfunctional = { mean: 12, sd: 7.5 };

  it("12 → 24 is a reliable improvement across c: recovered", () => {
    const result = computeChange({ pre: 12, post: 24, sd, r, direction: "higher_is_better", norms: { functional, dysfunctional } });
    // (24 − 12)/3.674235 = +3.266
    expect(result.rci).toBeCloseTo(3.27, 2);
    expect(result.cutoff).toBeCloseTo(22.8, 10);
    expect(result.verdict).toBe("recovered");
  });

  it("cut-off a = 27 is above 24: improved; cut-off b = 20: recovered", () => {
    const a = computeChange({ pre: 12, post: 24, sd, r, direction: "higher_is_better", norms: { dysfunctional } });
    expect([a.cutoff, a.cutoffMethod, a.verdict]).toEqual([27, "a", "improved"]);
    const b = computeChange({ pre: 12, post: 24, sd, r, direction: "higher_is_better", norms: { functional } });
    expect([b.cutoff, b.cutoffMethod, b.verdict]).toEqual([20, "b", "recovered"]);
  });

  it("a drop of the same size is a deterioration", () => {
    expect(computeChange({ pre: 24, post: 12, sd, r, direction: "higher_is_better" }).verdict).toBe("deteriorated");
  });
});

describe("the 1.96 threshold", () => {
  // SD = 10, r = 0.5: S_E = 10·√0.5 = 7.0711, S_diff = √2 · 7.0711 = 10
  it("counts |RCI| = 1.96 as reliable and 1.95 as not", () => {
    const at = computeChange({ pre: 0, post: 19.6, sd: 10, r: 0.5, direction: "higher_is_better" });
    expect(at.sdiff).toBeCloseTo(10, 12);
    expect(at.reliable).toBe(true);
    expect(at.verdict).toBe("improved");
    const below = computeChange({ pre: 0, post: 19.5, sd: 10, r: 0.5, direction: "higher_is_better" });
    expect(below.reliable).toBe(false);
    expect(below.verdict).toBe("no_reliable_change");
  });
});

describe("input checks", () => {
  it("rejects unusable parameters", () => {
    expect(() => computeChange({ pre: 1, post: 2, sd: 0, r, direction: "higher_is_worse" })).toThrow(/sd/);
    expect(() => computeChange({ pre: 1, post: 2, sd, r: 1, direction: "higher_is_worse" })).toThrow(/r is out of range/);
    expect(() => computeChange({ pre: Number.NaN, post: 2, sd, r, direction: "higher_is_worse" })).toThrow(/pre/);
    expect(() =>
      computeChange({ pre: 1, post: 2, sd, r, direction: "higher_is_worse", norms: { functional: { mean: 1, sd: -1 } } }),
    ).toThrow(/functional sd/);
  });

  it("clinicalCutoff gives null without norms", () => {
    expect(clinicalCutoff("higher_is_better", {})).toBeNull();
    expect(clinicalCutoff("higher_is_better", undefined)).toBeNull();
  });
});
