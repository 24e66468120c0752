import { describe, expect, it } from "vitest";
import { dayX, DAY_MS, linearScale, monotonePath, niceTicks, plotArea, timeDomain, timeTicks, visibleBands } from "./geometry";

describe("chart geometry shared by the screen and the PDF", () => {
  it("picks round y ticks across the domain", () => {
    expect(niceTicks(0, 32)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(0, 20)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(0, 100)).toEqual([0, 50, 100]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });

  it("widens a single day to a week and otherwise spans the data exactly", () => {
    const d = dayX("2026-11-02");
    expect(timeDomain([d])).toEqual([d - 3 * DAY_MS, d + 3 * DAY_MS]);
    expect(timeDomain([dayX("2026-09-01"), d])).toEqual([dayX("2026-09-01"), d]);
  });

  it("puts time ticks on calendar boundaries: Mondays for weeks, first days for months", () => {
    const weeks = timeTicks([dayX("2026-09-02"), dayX("2026-10-20")]);
    expect(weeks.every((t) => new Date(t).getUTCDay() === 1)).toBe(true);
    const months = timeTicks([dayX("2026-01-15"), dayX("2026-11-15")]);
    expect(months.every((t) => new Date(t).getUTCDate() === 1)).toBe(true);
    expect(months.length).toBeLessThanOrEqual(6);
  });

  it("clips bands to the domain and colours them by severity", () => {
    const bands = visibleBands([{ from: -5, to: 8, label: "Low", severity: 0 }, { from: 8, to: 40, label: "High", severity: 3 }, { from: 40, to: 50, label: "Off", severity: 4 }], [0, 32]);
    expect(bands.map((b) => [b.label, b.from, b.to])).toEqual([["Low", 0, 8], ["High", 8, 32]]);
    expect(bands[1]!.fill).toBe("#fee2e2");
  });

  it("draws a monotone curve that passes through every point and never overshoots", () => {
    const pts = [{ x: 0, y: 10 }, { x: 10, y: 0 }, { x: 20, y: 0 }, { x: 30, y: 10 }];
    const d = monotonePath(pts);
    expect(d.startsWith("M0,10C")).toBe(true);
    expect(d).toContain(",10,0C");
    expect(d.endsWith(",30,10")).toBe(true);
    // The flat middle segment stays flat: both control points at y = 0.
    expect(d).toContain("C13.33,0,16.67,0,20,0");
    expect(monotonePath([{ x: 1, y: 2 }, { x: 3, y: 4 }])).toBe("M1,2L3,4");
  });

  it("maps the domain onto the plot area", () => {
    const area = plotArea(200, 100);
    const y = linearScale([0, 32], [area.bottom, area.top]);
    expect(y(0)).toBe(area.bottom);
    expect(y(32)).toBe(area.top);
  });
});
