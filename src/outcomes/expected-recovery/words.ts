import { staffText } from "@/i18n/staff";
import type { ExpectedBand, ExpectedRow } from "./band";

const notices = staffText("notices");
const t = staffText("outcomeLabels");
const ROW_ON_TRACK = t("expectedRowOnTrack");

/** What the dashed lines are, under every chart that draws the band (screen and PDF). */
export const EXPECTED_BAND_LEGEND = notices("expectedBandLegend");

/** The definition of "not on track", where the verdict is printed without the methods page at hand (the PDF report). */
export const NOT_ON_TRACK_DEFINITION = notices("notOnTrackDefinition");

/**
 * The expected band's verdict in words: `tone` says how to show it (a not-on-track verdict stands
 * out), `fitted` when and on whom the curve was fitted. Null when the client has no baseline.
 */
export function expectedBandWords(expected: ExpectedBand | null, formatDay: (day: string) => string): { noCurve: string | null; verdict: string; tone: "danger" | "plain"; fitted: string } | null {
  if (!expected) return null;
  if (expected.reason) return { noCurve: t("expectedNoCurve", { reason: expected.reason }), verdict: "", tone: "plain", fitted: "" };
  const track = expected.track;
  const verdict =
    track?.status === "not_on_track"
      ? t("expectedNotOnTrack", { strength: track.strength.toFixed(1) })
      : track?.status === "on_track"
        ? t("expectedOnTrack")
        : (track?.reason ?? "");
  const fitted = expected.fittedAt ? t("expectedFitted", { day: formatDay(expected.fittedAt.slice(0, 10)) }) : "";
  return { noCurve: null, verdict, tone: track?.status === "not_on_track" ? "danger" : "plain", fitted };
}

/** One drawn score against the band, in words, for the chart's table. */
export function expectedRowWords(row: ExpectedRow): string {
  if ("reason" in row) return row.reason;
  return row.status === "not_on_track" ? t("expectedRowNotOnTrack", { strength: row.strength.toFixed(1) }) : ROW_ON_TRACK;
}
