"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, useChartWidth, XAxis, YAxis } from "recharts";
import { formatTimeTick, markerGroups, niceTicks, tickAnchor, tickLabelWidth, timeDomain, timeTicks, visibleBands } from "./geometry";
import { seriesColours } from "./palette";
import { useNearViewport } from "./use-near-viewport";

export interface TimePoint {
  /** Milliseconds since the epoch. */
  x: number;
  [key: string]: number | null;
}

export interface LineSpec {
  key: string;
  label: string;
  dashed?: boolean;
  /** A reference series (an expected band's edge): thin, no dots, drawn behind the data lines. */
  reference?: boolean;
}

export interface BandSpec {
  from: number;
  to: number;
  label: string;
  severity: number;
}

export interface MarkerSpec {
  x: number;
  /** A short word drawn on the chart next to the marker line. */
  short: string;
  colour: string;
  dash: string;
}

function TooltipBox({ active, payload, describe }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; describe: (point: TimePoint) => string[] }) {
  const point = payload?.[0]?.payload as TimePoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded border border-line bg-white px-2 py-1 text-xs shadow">
      {describe(point).map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

const TICK_FONT = 11;

/**
 * A date tick that stays inside the chart: flush with the edge it would otherwise cross. The axis
 * also gets the same words as its tickFormatter, which recharts measures to thin crowded ticks.
 */
function DateTick({ x = 0, y = 0, payload, domain }: { x?: number; y?: number; payload?: { value: number }; domain: [number, number] }) {
  const width = useChartWidth() ?? 0;
  if (!payload) return null;
  const label = formatTimeTick(payload.value, domain);
  return (
    <text x={x} y={y} dy={12} textAnchor={width ? tickAnchor(x, tickLabelWidth(label, TICK_FONT), 0, width) : "middle"} fontSize={TICK_FONT} fill="#4b5563">
      {label}
    </text>
  );
}

/** A marker's label above the plot (row 0) or just inside it (row 1), kept inside the chart. */
function MarkerLabel({ viewBox, text, colour, row }: { viewBox?: { x?: number; y?: number }; text: string; colour: string; row: 0 | 1 }) {
  const width = useChartWidth() ?? 0;
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) + (row === 0 ? -4 : 10);
  return (
    <text x={x} y={y} textAnchor={width ? tickAnchor(x, tickLabelWidth(text, 10), 0, width) : "middle"} fontSize={10} fill={colour}>
      {text}
    </text>
  );
}

/**
 * Values over time, with optional shaded and labelled bands and labelled event markers.
 * `describe` words a point for its tooltip, when it is hovered (not for every point up front).
 * Points are joined by straight segments (nothing is drawn between check-ins that was not
 * observed); the time axis ends on `end` (today, or the period's last day) when given; markers
 * on the same day share one line and one label.
 */
export function TimeLineChart({
  data,
  describe,
  lines,
  bands = [],
  markers = [],
  yDomain,
  yLabel,
  end,
  height = 280,
}: {
  data: TimePoint[];
  describe: (point: TimePoint) => string[];
  lines: LineSpec[];
  bands?: BandSpec[];
  markers?: MarkerSpec[];
  yDomain: [number, number];
  yLabel: string;
  /** The last day the axis shows (as dayX), e.g. today: never later. */
  end?: number;
  height?: number;
}) {
  // Domain, ticks and bands come from the geometry the PDF charts use too, so both look alike.
  const [ref, near] = useNearViewport<HTMLDivElement>();
  const domain = timeDomain([...data.map((d) => d.x), ...markers.map((m) => m.x)], end);
  const shown = end === undefined ? data : data.filter((d) => d.x <= end);
  const groups = markerGroups(markers, domain);
  return (
    <div ref={ref} className="chart" data-testid="time-line-chart" style={{ width: "100%", height }}>
      {near ? (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={shown} margin={{ top: 16, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            {visibleBands(bands, yDomain).map((b) => (
              <ReferenceArea
                key={b.label}
                y1={b.from}
                y2={b.to}
                fill={b.fill}
                fillOpacity={0.7}
                ifOverflow="hidden"
                label={{ value: b.label, position: "insideTopRight", fontSize: 11, fill: "#374151" }}
              />
            ))}
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="x" type="number" scale="time" domain={domain} allowDataOverflow ticks={timeTicks(domain)} tick={<DateTick domain={domain} />} tickFormatter={(v: number) => formatTimeTick(v, domain)} interval="preserveStartEnd" fontSize={TICK_FONT} />
            <YAxis domain={yDomain} ticks={niceTicks(yDomain[0], yDomain[1])} fontSize={11} width={40} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 11 }} />
            {groups.map((g) => (
              <ReferenceLine key={g.x} x={g.x} stroke={g.colour} strokeDasharray={g.dash} label={<MarkerLabel text={g.label} colour={g.colour} row={g.row} />} />
            ))}
            <Tooltip content={<TooltipBox describe={describe} />} />
            {lines.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {/* Reference series first, so they sit behind the data; each keeps the colour of its place in `lines`. */}
            {lines
              .map((l, i) => ({ l, i }))
              .sort((a, b) => Number(Boolean(b.l.reference)) - Number(Boolean(a.l.reference)))
              .map(({ l, i }) => (
                <Line
                  key={l.key}
                  type="linear"
                  dataKey={l.key}
                  name={l.label}
                  stroke={seriesColours[i % seriesColours.length]}
                  strokeWidth={l.reference ? 1 : 2}
                  strokeDasharray={l.dashed ? "6 3" : undefined}
                  dot={!l.reference && shown.length <= 60 ? { r: 3 } : false}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
          </LineChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
