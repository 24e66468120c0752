import { ChartFrame } from "@/components/charts/chart-frame";
import { dayX } from "@/components/charts/geometry";
import { markerColours } from "@/components/charts/palette";
import type { MarkerSpec } from "@/components/charts/time-line-chart";
import { formatDay } from "@/checkins/format";
import { encodeScores } from "../chart-series";
import { markerStyle } from "../markers";
import type { Marker } from "../queries";
import { scoreSummary } from "../summaries";
import type { ExpectedBand, IndicatorTrend } from "../trends";
import { betterDirectionText } from "../verdict";
import { EXPECTED_BAND_LEGEND, expectedBandWords } from "../expected-recovery/words";
import { ScoreChart } from "./trend-charts";
import { staffText } from "@/i18n/staff";

const t = staffText("trends");

/** A score over time with the bands shaded and named, event markers, a summary and a table. */
export function ScoreTrend({ indicator, markers, endDay }: { indicator: IndicatorTrend; markers: readonly Marker[]; /** The axis ends here (today in the client's zone). */ endDay: string }) {
  const points = indicator.series?.points ?? [];
  const grain = indicator.series?.grain ?? "point";
  const markerSpecs: MarkerSpec[] = markers.map((m) => ({ x: dayX(m.day), short: markerStyle[m.kind].short, colour: markerColours[m.kind], dash: markerStyle[m.kind].dash }));
  const id = `trend-${indicator.url.split("/").at(-1)}`;
  const legend =
    markers.length > 0 ? (
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
        {(Object.keys(markerStyle) as Marker["kind"][])
          .filter((k) => markers.some((m) => m.kind === k))
          .map((k) => (
            <li key={k}>
              <span style={{ color: markerColours[k] }}>{markerStyle[k].short}</span>: {markerStyle[k].word}
            </li>
          ))}
      </ul>
    ) : null;
  return (
    <ChartFrame
      id={id}
      title={indicator.title}
      summary={scoreSummary({ title: indicator.title, points, grain, direction: indicator.direction, verdict: indicator.change?.verdict ?? null })}
      aside={<span className="text-sm font-medium">{betterDirectionText(indicator.direction)}</span>}
    >
      <ScoreChart
        title={indicator.title}
        series={encodeScores(grain, points, indicator.expected)}
        bands={indicator.bands}
        markers={markerSpecs}
        end={dayX(endDay)}
        yDomain={[indicator.min, indicator.max]}
        legend={legend}
        expected={indicator.expected?.points.map((p) => ({ x: dayX(p.day), low: p.low, high: p.high }))}
      />
      <ExpectedNote expected={indicator.expected ?? null} />
    </ChartFrame>
  );
}

/** In words: the expected band drawn on the chart, and where the latest score lies against it. */
function ExpectedNote({ expected }: { expected: ExpectedBand | null }) {
  const words = expectedBandWords(expected, formatDay);
  if (!words) return null;
  if (words.noCurve) return <p className="text-xs text-muted">{words.noCurve}</p>;
  return (
    <p className="text-xs text-muted">
      {EXPECTED_BAND_LEGEND} {words.tone === "danger" ? <strong className="font-semibold text-danger">{words.verdict}</strong> : words.verdict} {words.fitted}
    </p>
  );
}

/** The markers as a list, for the table view of the events drawn on the charts. */
export function MarkerList({ markers }: { markers: readonly Marker[] }) {
  if (markers.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-brand-800">{t("eventsMarkedCount", { count: String(markers.length) })}</summary>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">{t("eventsMarkedOnTheCharts")}</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="px-2 py-1 font-medium">{t("date")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("event")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("detail")}</th>
          </tr>
        </thead>
        <tbody>
          {markers.map((m, i) => (
            <tr key={i} className="border-b border-line/60">
              <td className="px-2 py-1">{formatDay(m.day)}</td>
              <td className="px-2 py-1">{markerStyle[m.kind].word}</td>
              <td className="px-2 py-1">{m.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
