import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AdherenceChart, IntensityChart } from "./components/activity-charts";
import { ChangeTable } from "./components/change-table";
import { DataTableView } from "@/components/charts/chart-frame";
import { ScoreTrend } from "./components/score-trend";
import { encodeScores, scoreTable } from "./chart-series";
import { TeamOutcomesTable } from "./components/team-outcomes-table";
import { formatRate } from "./adherence-text";
import { computeChange } from "./change";
import type { IndicatorTrend } from "./trends";

const bands = [
  { from: 0, to: 8, label: "Low", severity: 0 },
  { from: 8, to: 16, label: "Some", severity: 1 },
  { from: 16, to: 24, label: "Marked", severity: 2 },
  { from: 24, to: 32, label: "Severe", severity: 3 },
];
const end = (total: number, band: string, severity: number, day: string) => ({ version: "1.0.0", total, band, severity, at: `${day}T10:00:00.000Z`, day });
const indicator: IndicatorTrend = {
  url: "https://attune.health/fhir/Questionnaire/attune-numbness",
  title: "Emotional numbness check-in",
  direction: "higher_is_worse",
  bands,
  min: 0,
  max: 32,
  series: {
    url: "https://attune.health/fhir/Questionnaire/attune-numbness",
    grain: "point",
    points: [
      { at: "2026-09-01T10:00:00.000Z", day: "2026-09-01", mean: 28, last: 28, count: 1, band: "Severe", severity: 3 },
      { at: "2026-11-01T10:00:00.000Z", day: "2026-11-01", mean: 6, last: 6, count: 1, band: "Low", severity: 0 },
    ],
  },
  endpoints: { url: "x", count: 2, baseline: end(28, "Severe", 3, "2026-09-01"), latest: end(6, "Low", 0, "2026-11-01") },
  change: computeChange({ pre: 28, post: 6, sd: 6, r: 0.85, direction: "higher_is_worse" }),
  rci: { r: 0.85, sd: 6, source: "instrument", reason: "too_few_baselines", baselines: 0, minimum: 30, citation: "Attune pilot values" },
};
const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);

describe("trend components render their accessible equivalents on the server", () => {
  it("gives the score chart a summary, direction and a table", () => {
    const out = html(createElement(ScoreTrend, { indicator, markers: [{ kind: "critical_alert", at: "2026-10-01T10:00:00.000Z", day: "2026-10-01", label: "Critical answer" }], endDay: "2026-11-05" }));
    expect(out).toContain("Lower is better ↓");
    expect(out).toContain("2 check-ins, from 28 to 6 (Low); lower is better. Since baseline: improved.");
    // The table is drawn when opened (TableToggle); its rows are the chart's points.
    expect(out).toContain("Show as table");
    expect(out).toContain("(2 rows)");
    expect(html(createElement(DataTableView, { caption: "Emotional numbness", table: scoreTable(encodeScores("point", indicator.series!.points)) }))).toMatch(/<td[^>]*>Sep 1, 2026<\/td><td[^>]*>28<\/td><td[^>]*>Severe<\/td>/);
    expect(out).toContain("Critical alert");
  });

  it("shows baseline, latest, the RCI formula with its values and the verdict as a word", () => {
    const out = html(createElement(ChangeTable, { indicators: [indicator] }));
    expect(out).toContain("S_diff = √2·S_E");
    expect(out).toContain("−22");
    expect(out).toContain("Improved");
    expect(out).toContain("Attune pilot values");
    expect(out).toContain("r and SD: the instrument file&#x27;s provisional values (0 of the 30 baselines needed for this organisation&#x27;s own)");
  });

  it("renders adherence, intensity and team tables", () => {
    expect(html(createElement(AdherenceChart, { weeks: [{ weekStart: "2026-11-02", due: 4, completed: 3 }] }))).toContain("75%");
    expect(html(createElement(IntensityChart, { points: [{ at: "2026-11-02T10:00:00.000Z", day: "2026-11-02", before: 80, after: 40, count: 1 }] }))).toContain("fell by 40 points");
    const counts = { clients: 2, recovered: 1, improved: 0, no_reliable_change: 0, deteriorated: 1, tracked: 0, notOnTrack: 0 };
    const tracked = { ...counts, tracked: 4, notOnTrack: 1 };
    const team = html(createElement(TeamOutcomesTable, { counselors: [{ counselorId: "1", name: "Jordan Ellis", counts }], overall: tracked }));
    expect(team).toContain("Jordan Ellis");
    expect(team).toContain("50% (1)");
    expect(team).toContain("No curve yet");
    expect(team).toContain("25% (1)");
  });

  it("shows 0 of 0 as a dash with words, never as a percentage", () => {
    expect(formatRate(null)).toBe("— nothing due yet");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(2 / 3)).toBe("67%");
    expect(html(createElement(AdherenceChart, { weeks: [] }))).toContain("— nothing due yet");
    const none = { clients: 0, recovered: 0, improved: 0, no_reliable_change: 0, deteriorated: 0, tracked: 0, notOnTrack: 0 };
    const team = html(createElement(TeamOutcomesTable, { counselors: [{ counselorId: "1", name: "Jordan Ellis", counts: none }], overall: none }));
    expect(team).toContain("— none yet");
    expect(team).not.toMatch(/\d%/);
  });
});
