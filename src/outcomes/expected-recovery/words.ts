import type { ExpectedBand, ExpectedRow } from "./band";

/** What the dashed lines are, under every chart that draws the band (screen and PDF). */
export const EXPECTED_BAND_LEGEND = "Dashed thin lines: the 10th and 90th percentiles of how clients who started at this baseline usually score by each week.";

/** The definition of "not on track", where the verdict is printed without the methods page at hand (the PDF report). */
export const NOT_ON_TRACK_DEFINITION =
  "Not on track means the latest score lies beyond that band on the worse side (above the 90th percentile when a higher score is worse, below the 10th when a higher score is better); its strength is how far beyond, in standard deviations of the expected scores.";

/**
 * The expected band's verdict in words: `tone` says how to show it (a not-on-track verdict stands
 * out), `fitted` when and on whom the curve was fitted. Null when the client has no baseline.
 */
export function expectedBandWords(expected: ExpectedBand | null, formatDay: (day: string) => string): { noCurve: string | null; verdict: string; tone: "danger" | "plain"; fitted: string } | null {
  if (!expected) return null;
  if (expected.reason) return { noCurve: `Expected recovery: no curve for this check-in. ${expected.reason}`, verdict: "", tone: "plain", fitted: "" };
  const t = expected.track;
  const verdict =
    t?.status === "not_on_track"
      ? `Not on track: the latest score is ${t.strength.toFixed(1)} SD beyond the band on the worse side.`
      : t?.status === "on_track"
        ? "The latest score is within or better than the band."
        : (t?.reason ?? "");
  const fitted = expected.fittedAt ? `Curve fitted ${formatDay(expected.fittedAt.slice(0, 10))} on this organisation’s clients.` : "";
  return { noCurve: null, verdict, tone: t?.status === "not_on_track" ? "danger" : "plain", fitted };
}

/** One drawn score against the band, in words, for the chart's table. */
export function expectedRowWords(row: ExpectedRow): string {
  if ("reason" in row) return row.reason;
  return row.status === "not_on_track" ? `Not on track, ${row.strength.toFixed(1)} SD beyond the band` : "On track (within or better than the band)";
}
