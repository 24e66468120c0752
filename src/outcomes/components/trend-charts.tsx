"use client";

import { useCallback, useMemo, type ReactNode } from "react";
import { GroupedBarChart } from "@/components/charts/bar-chart";
import { ChartBody } from "@/components/charts/table-toggle";
import { TimeLineChart, type BandSpec, type MarkerSpec, type TimePoint } from "@/components/charts/time-line-chart";
import { NOTHING_DUE } from "../adherence-text";
import {
  adherenceTable,
  dayNumberX,
  decodeAdherence,
  intensityAt,
  intensityCount,
  intensityTable,
  intensityTooltip,
  scoreCount,
  scorePointAt,
  scoreTable,
  scoreTooltip,
  type CompactAdherence,
  type CompactIntensity,
  type CompactScores,
} from "../chart-series";
import { staffText } from "@/i18n/staff";

const t = staffText("trends");

/**
 * The trends charts' drawings and tables, built in the browser from the compact series the page
 * sends (chart-series.ts). The summary sentence, title and legend stay server-rendered in the
 * ChartFrame around them.
 */

/** A score series: the last score (and the average, for weekly or monthly points), the bands and the event markers. */
export interface ExpectedPoint {
  x: number;
  low: number;
  high: number;
}

const expectedLines = [
  { key: "expectedLow", label: t("expected10thPercentile"), dashed: true, reference: true },
  { key: "expectedHigh", label: t("expected90thPercentile"), dashed: true, reference: true },
];

export function ScoreChart({ title, series, bands, markers, end, yDomain, legend, expected = [] }: { title: string; series: CompactScores; bands: BandSpec[]; markers: MarkerSpec[]; end?: number; yDomain: [number, number]; legend?: ReactNode; expected?: ExpectedPoint[] }) {
  const count = scoreCount(series);
  const data = useMemo<TimePoint[]>(() => {
    const out: TimePoint[] = [];
    const p = series.points;
    for (let i = 0; i < count; i++) out.push({ x: dayNumberX(p[i * 5]!), score: p[i * 5 + 1]!, average: p[i * 5 + 3]! > 1 ? p[i * 5 + 2]! : null, i });
    // The expected band's weekly points sit between the scores, in time order.
    for (const e of expected) out.push({ x: e.x, score: null, average: null, expectedLow: e.low, expectedHigh: e.high });
    return expected.length ? out.sort((a, b) => a.x - b.x) : out;
  }, [series, count, expected]);
  const describe = useCallback(
    (point: TimePoint) =>
      point.i === undefined || point.i === null
        ? [t("expectedTooltip", { low: String(point.expectedLow?.toFixed(1)), high: String(point.expectedHigh?.toFixed(1)) })]
        : scoreTooltip(series.grain, scorePointAt(series, point.i)),
    [series],
  );
  const scoreLines = series.grain === "point" ? [{ key: "score", label: t("score") }] : [{ key: "score", label: t("lastScore") }, { key: "average", label: t("average"), dashed: true }];
  const lines = expected.length ? [...scoreLines, ...expectedLines] : scoreLines;
  return (
    <ChartBody caption={title} rowCount={count} table={() => scoreTable(series)}>
      {count > 0 ? <TimeLineChart data={data} describe={describe} lines={lines} bands={bands} markers={markers} end={end} yDomain={yDomain} yLabel={t("score")} /> : <p className="text-sm text-muted">{t("noCheckInsInThis")}</p>}
      {legend}
    </ChartBody>
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-11-02" as "Nov 2", the week's label on the axis. */
const weekLabel = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;

/** Exercises done and due, week by week. */
export function AdherenceBars({ title, weeks }: { title: string; weeks: CompactAdherence }) {
  const data = useMemo(() => decodeAdherence(weeks).map((w) => ({ label: weekLabel(w.weekStart), due: w.due, done: w.completed })), [weeks]);
  return (
    <ChartBody caption={title} rowCount={data.length} table={() => adherenceTable(weeks)}>
      {data.length > 0 ? (
        <GroupedBarChart
          data={data}
          bars={[
            { key: "done", label: t("done") },
            { key: "due", label: t("due") },
          ]}
        />
      ) : (
        <p className="text-sm text-muted">{t("nothingDueInRange", { nothingDue: NOTHING_DUE })}</p>
      )}
    </ChartBody>
  );
}

/** Thought-record intensity before and after, over time. */
export function IntensityLines({ title, points }: { title: string; points: CompactIntensity }) {
  const count = intensityCount(points);
  const data = useMemo<TimePoint[]>(() => Array.from({ length: count }, (_, i) => ({ x: dayNumberX(points[i * 4]!), before: points[i * 4 + 1]!, after: points[i * 4 + 2]!, i })), [points, count]);
  const describe = useCallback((point: TimePoint) => intensityTooltip(intensityAt(points, point.i ?? 0)), [points]);
  return (
    <ChartBody caption={title} rowCount={count} table={() => intensityTable(points)}>
      {count > 0 ? (
        <TimeLineChart
          data={data}
          describe={describe}
          lines={[
            { key: "before", label: t("before") },
            { key: "after", label: t("after"), dashed: true },
          ]}
          yDomain={[0, 100]}
          yLabel={t("intensity")}
          height={240}
        />
      ) : (
        <p className="text-sm text-muted">{t("noThoughtRecordsWithIntensities")}</p>
      )}
    </ChartBody>
  );
}
