import { describe, expect, it } from "vitest";
import { grainFor, MAX_POINTS, parseRange, rangeStart } from "./range";
import { adherenceSummary, intensitySummary, scoreSummary } from "./summaries";

describe("ranges and thinning", () => {
  it("parses ranges, defaulting to six months", () => {
    expect(parseRange("1y")).toBe("1y");
    expect(parseRange("all")).toBe("all");
    expect(parseRange("forever")).toBe("6m");
    expect(parseRange(["3m"])).toBe("6m");
  });

  it("starts a range the right number of months back, and all time has no start", () => {
    const now = new Date("2026-11-20T12:00:00Z");
    expect(rangeStart("3m", now)?.toISOString()).toBe("2026-08-20T12:00:00.000Z");
    expect(rangeStart("1y", now)?.toISOString()).toBe("2025-11-20T12:00:00.000Z");
    expect(rangeStart("all", now)).toBeNull();
  });

  it("keeps every point up to the limit, then weeks, then months", () => {
    expect(grainFor(MAX_POINTS, 10)).toBe("point");
    expect(grainFor(MAX_POINTS + 1, 90)).toBe("week");
    expect(grainFor(5000, MAX_POINTS + 1)).toBe("month");
  });
});

describe("summaries", () => {
  it("describes a series in one sentence with its direction and verdict", () => {
    const s = scoreSummary({ title: "Numbness", points: [{ mean: 24, last: 24, band: "Severe" }, { mean: 10, last: 9, band: "Some" }], grain: "point", direction: "higher_is_worse", verdict: "improved" });
    expect(s).toBe("Numbness: 2 check-ins, from 24 to 9 (Some); lower is better. Since baseline: improved.");
    expect(scoreSummary({ title: "Numbness", points: [], grain: "point", direction: "higher_is_worse", verdict: null })).toMatch(/no check-ins/);
  });

  it("sums adherence and intensity", () => {
    expect(adherenceSummary([{ weekStart: "2026-11-02", due: 3, completed: 2 }, { weekStart: "2026-11-09", due: 1, completed: 1 }])).toBe("Over 2 weeks, 3 of 4 exercises due were done (75%).");
    expect(intensitySummary([{ before: 80, after: 50, count: 1 }, { before: 60, after: 70, count: 1 }])).toMatch(/fell by 10 points/);
  });
});
