import { describe, expect, it } from "vitest";
import { dayX } from "@/components/charts/geometry";
import {
  adherenceTable,
  dayNumber,
  dayNumberX,
  dayOf,
  decodeAdherence,
  decodeIntensity,
  decodeScores,
  encodeAdherence,
  encodeIntensity,
  encodeScores,
  intensityTable,
  intensityTooltip,
  NO_BASELINE,
  scoreTable,
  scoreTooltip,
} from "./chart-series";

const point = (day: string, last: number, mean: number, count: number, band: string | null) => ({ at: `${day}T10:00:00.000Z`, day, last, mean, count, band, severity: null });

describe("the trends charts' compact series", () => {
  it("turns days into whole numbers and back, and into the same x as the PDF charts", () => {
    for (const day of ["1970-01-01", "2000-02-29", "2024-03-31", "2026-11-22", "2099-12-31"]) {
      expect(dayOf(dayNumber(day))).toBe(day);
      expect(dayNumberX(dayNumber(day))).toBe(dayX(day));
    }
    expect(dayNumber("1970-01-02")).toBe(1);
  });

  it("keeps every score point through a round trip, band words sent once", () => {
    const points = [point("2026-09-01", 28, 28, 1, "Severe"), point("2026-09-08", 20, 22.666666, 3, "Marked"), point("2026-09-15", 6, 6, 1, null), point("2026-09-22", 24, 26, 2, "Severe")];
    const compact = encodeScores("week", points);
    expect(compact.bands).toEqual(["Severe", "Marked"]);
    expect(compact.points).toHaveLength(20);
    expect(decodeScores(compact)).toEqual([
      { day: "2026-09-01", last: 28, mean: 28, count: 1, band: "Severe" },
      { day: "2026-09-08", last: 20, mean: 22.7, count: 3, band: "Marked" },
      { day: "2026-09-15", last: 6, mean: 6, count: 1, band: null },
      { day: "2026-09-22", last: 24, mean: 26, count: 2, band: "Severe" },
    ]);
    // Numbers only: what the page carries is five short numbers a point and each band word once.
    expect(JSON.stringify(compact)).toBe('{"grain":"week","points":[20697,28,28,1,0,20704,20,22.7,3,1,20711,6,6,1,-1,20718,24,26,2,0],"bands":["Severe","Marked"]}');
  });

  it("words tooltips and tables from the compact form", () => {
    const weekly = encodeScores("week", [point("2026-09-08", 20, 22.666666, 3, "Marked")]);
    expect(scoreTooltip("week", decodeScores(weekly)[0]!)).toEqual(["Week ending Sep 8, 2026 (3 check-ins)", "Score 20 (average 22.7)", "Band: Marked"]);
    expect(scoreTable(weekly)).toEqual({ columns: ["Date", "Last score", "Average", "Check-ins", "Band"], rows: [["Sep 8, 2026", "20", "22.7", 3, "Marked"]] });
    const single = encodeScores("point", [point("2026-09-01", 28, 28, 1, null)]);
    expect(scoreTooltip("point", decodeScores(single)[0]!)).toEqual(["Sep 1, 2026", "Score 28", "Band: —"]);
    expect(scoreTable(single)).toEqual({ columns: ["Date", "Score", "Band"], rows: [["Sep 1, 2026", "28", "—"]] });
  });

  it("adds each row's expected 10th and 90th percentiles and verdict to the table, or says why there is no curve", () => {
    const points = [point("2026-09-01", 28, 28, 1, "Severe"), point("2026-09-08", 20, 20, 1, "Marked"), point("2026-09-15", 25, 25, 1, "Severe"), point("2026-09-22", 24, 24, 1, "Severe")];
    const band = { points: [], track: null, fitId: "f", fittedAt: "2026-09-30T00:00:00.000Z", reason: null };
    const rows = [
      { reason: "The baseline." },
      { low: 17.04, high: 23.46, status: "on_track" as const, strength: 0 },
      { low: 16.5, high: 22.96, status: "not_on_track" as const, strength: 0.84 },
      { reason: "More than 52 weeks after the baseline, beyond the curve." },
    ];
    const compact = encodeScores("point", points, { ...band, rows });
    expect(compact.expected).toEqual({ rows: [null, null, 0, 17, 23.5, -1, 16.5, 23, 0.8, null, null, 1], reasons: ["The baseline.", "More than 52 weeks after the baseline, beyond the curve."], noCurve: null });
    expect(scoreTable(compact)).toEqual({
      columns: ["Date", "Score", "Band", "Expected, 10th percentile", "Expected, 90th percentile", "Against the expected band"],
      rows: [
        ["Sep 1, 2026", "28", "Severe", "—", "—", "The baseline."],
        ["Sep 8, 2026", "20", "Marked", "17", "23.5", "On track (within or better than the band)"],
        ["Sep 15, 2026", "25", "Severe", "16.5", "23", "Not on track, 0.8 SD beyond the band"],
        ["Sep 22, 2026", "24", "Severe", "—", "—", "More than 52 weeks after the baseline, beyond the curve."],
      ],
    });
    // No curve for this check-in (too little data), or no baseline to draw one for: one column says why on every row.
    const none = scoreTable(encodeScores("point", points.slice(0, 2), { ...band, rows: [], fitId: null, reason: "12 clients have two or more scored check-ins after their baseline; a curve needs at least 30." }));
    expect(none.columns.at(-1)).toBe("Expected recovery");
    expect(none.rows.map((r) => r.at(-1))).toEqual(Array(2).fill("No curve: 12 clients have two or more scored check-ins after their baseline; a curve needs at least 30."));
    expect(scoreTable(encodeScores("point", points.slice(0, 1), null)).rows[0]!.at(-1)).toBe(`No curve: ${NO_BASELINE}`);
  });

  it("round-trips intensity and adherence", () => {
    const intensity = encodeIntensity([{ at: "2026-11-02T10:00:00.000Z", day: "2026-11-02", before: 80, after: 43.3333, count: 3 }]);
    expect(decodeIntensity(intensity)).toEqual([{ day: "2026-11-02", before: 80, after: 43.3, count: 3 }]);
    expect(intensityTooltip(decodeIntensity(intensity)[0]!)).toEqual(["Nov 2, 2026 (3 records)", "Before: 80", "After: 43.3"]);
    expect(intensityTable(intensity).rows).toEqual([["Nov 2, 2026", "80", "43.3", 3]]);
    const weeks = [{ weekStart: "2026-11-02", due: 4, completed: 3 }, { weekStart: "2026-11-09", due: 7, completed: 7 }];
    expect(decodeAdherence(encodeAdherence(weeks))).toEqual(weeks);
    expect(adherenceTable(encodeAdherence(weeks)).rows).toEqual([["Nov 2, 2026", 3, 4, "75%"], ["Nov 9, 2026", 7, 7, "100%"]]);
  });
});
