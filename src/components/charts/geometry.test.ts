import { describe, expect, it } from "vitest";
import { dayX, DAY_MS, formatTimeTick, linearPath, linearScale, markerGroups, niceTicks, plotArea, tickAnchor, timeDomain, timeTicks, visibleBands } from "./geometry";

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

  it("draws straight segments between the observed points, nothing in between", () => {
    const pts = [{ x: 0, y: 10 }, { x: 10, y: 0 }, { x: 20, y: 0 }, { x: 30.126, y: 10 }];
    expect(linearPath(pts)).toBe("M0,10L10,0L20,0L30.13,10");
    expect(linearPath([])).toBe("");
  });

  it("ends the time axis at the period's end, never later, and leaves out what comes after", () => {
    const end = dayX("2026-12-07");
    expect(timeDomain([dayX("2026-09-01"), dayX("2026-11-30"), dayX("2026-12-20")], end)).toEqual([dayX("2026-09-01"), end]);
    expect(timeDomain([dayX("2026-12-07")], end)).toEqual([end - 7 * DAY_MS, end]);
    expect(timeDomain([], end)).toEqual([end - 7 * DAY_MS, end]);
  });

  it("writes four-digit years on date ticks", () => {
    expect(formatTimeTick(dayX("2026-10-05"))).toBe("Oct 5, 2026");
    expect(formatTimeTick(dayX("2026-10-05"), [dayX("2026-09-01"), dayX("2026-11-01")])).toBe("Oct 5, 2026");
    // Monthly ticks on a long axis fall on first days: the month and the year say it all.
    expect(formatTimeTick(dayX("2026-10-01"), [dayX("2026-01-01"), dayX("2026-12-01")])).toBe("Oct 2026");
  });

  it("keeps a tick label inside the drawing by anchoring it to the edge it would cross", () => {
    expect(tickAnchor(500, 40, 0, 507)).toBe("end");
    expect(tickAnchor(10, 40, 0, 507)).toBe("start");
    expect(tickAnchor(250, 40, 0, 507)).toBe("middle");
  });

  it("draws markers on the same day as one line with one label, and moves a label that would touch its neighbour", () => {
    const m = (day: string, short: string) => ({ x: dayX(day), short, colour: "#000", dash: "0" });
    const groups = markerGroups([m("2026-10-01", "Ex"), m("2026-10-01", "Fam"), m("2026-10-01", "Ex"), m("2026-10-02", "Fam"), m("2026-11-20", "Alert"), m("2027-01-01", "Ex")], [dayX("2026-09-01"), dayX("2026-12-01")]);
    expect(groups.map((g) => [g.label, g.row])).toEqual([["Ex + Fam", 0], ["Fam", 1], ["Alert", 0]]);
  });

  it("maps the domain onto the plot area", () => {
    const area = plotArea(200, 100);
    const y = linearScale([0, 32], [area.bottom, area.top]);
    expect(y(0)).toBe(area.bottom);
    expect(y(32)).toBe(area.top);
  });
});
