import { ChartFrame, type TableData } from "@/components/charts/chart-frame";
import { dayX } from "@/components/charts/geometry";
import { markerColours } from "@/components/charts/palette";
import { TimeLineChart, type MarkerSpec, type TimePoint } from "@/components/charts/time-line-chart";
import { formatDay } from "@/checkins/format";
import { markerStyle } from "../markers";
import type { Marker } from "../queries";
import { scoreSummary } from "../summaries";
import type { IndicatorTrend } from "../trends";
import { betterDirectionText } from "../verdict";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A score over time with the bands shaded and named, event markers, a summary and a table. */
export function ScoreTrend({ indicator, markers }: { indicator: IndicatorTrend; markers: readonly Marker[] }) {
  const points = indicator.series?.points ?? [];
  const grain = indicator.series?.grain ?? "point";
  const data: TimePoint[] = points.map((p) => ({
    x: dayX(p.day),
    score: p.last,
    average: p.count > 1 ? p.mean : null,
    tooltip: [
      grain === "point" ? formatDay(p.day) : `${grain === "week" ? "Week" : "Month"} ending ${formatDay(p.day)} (${p.count} check-ins)`,
      `Score ${fmt(p.last)}${p.count > 1 ? ` (average ${fmt(p.mean)})` : ""}`,
      `Band: ${p.band ?? "—"}`,
    ],
  }));
  const markerSpecs: MarkerSpec[] = markers.map((m) => ({ x: dayX(m.day), short: markerStyle[m.kind].short, colour: markerColours[m.kind], dash: markerStyle[m.kind].dash }));
  const id = `trend-${indicator.url.split("/").at(-1)}`;
  const lines = grain === "point" ? [{ key: "score", label: "Score" }] : [{ key: "score", label: "Last score" }, { key: "average", label: "Average", dashed: true }];
  const table = scoreTable(indicator);
  return (
    <ChartFrame
      id={id}
      title={indicator.title}
      summary={scoreSummary({ title: indicator.title, points, grain, direction: indicator.direction, verdict: indicator.change?.verdict ?? null })}
      table={table}
      aside={<span className="text-sm font-medium">{betterDirectionText(indicator.direction)}</span>}
    >
      {points.length > 0 ? (
        <TimeLineChart data={data} lines={lines} bands={indicator.bands} markers={markerSpecs} yDomain={[indicator.min, indicator.max]} yLabel="Score" />
      ) : (
        <p className="text-sm text-muted">No check-ins in this range.</p>
      )}
      {markers.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
          {(Object.keys(markerStyle) as Marker["kind"][])
            .filter((k) => markers.some((m) => m.kind === k))
            .map((k) => (
              <li key={k}>
                <span style={{ color: markerColours[k] }}>{markerStyle[k].short}</span>: {markerStyle[k].word}
              </li>
            ))}
        </ul>
      ) : null}
    </ChartFrame>
  );
}

/** The score chart's data as the table behind "Show as table". */
export function scoreTable(indicator: IndicatorTrend): TableData {
  const points = indicator.series?.points ?? [];
  const grain = indicator.series?.grain ?? "point";
  return {
    columns: ["Date", grain === "point" ? "Score" : "Last score", ...(grain === "point" ? [] : ["Average", "Check-ins"]), "Band"],
    rows: points.map((p) => [formatDay(p.day), fmt(p.last), ...(grain === "point" ? [] : [fmt(p.mean), p.count]), p.band ?? "—"]),
  };
}

/** The markers as a list, for the table view of the events drawn on the charts. */
export function MarkerList({ markers }: { markers: readonly Marker[] }) {
  if (markers.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-brand-800">Events marked on the charts ({markers.length})</summary>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">Events marked on the charts</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="px-2 py-1 font-medium">Date</th>
            <th scope="col" className="px-2 py-1 font-medium">Event</th>
            <th scope="col" className="px-2 py-1 font-medium">Detail</th>
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
