"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatTimeTick, niceTicks, timeDomain, timeTicks, visibleBands } from "./geometry";
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

/**
 * Values over time, with optional shaded and labelled bands and labelled event markers.
 * `describe` words a point for its tooltip, when it is hovered (not for every point up front).
 */
export function TimeLineChart({
  data,
  describe,
  lines,
  bands = [],
  markers = [],
  yDomain,
  yLabel,
  height = 280,
}: {
  data: TimePoint[];
  describe: (point: TimePoint) => string[];
  lines: LineSpec[];
  bands?: BandSpec[];
  markers?: MarkerSpec[];
  yDomain: [number, number];
  yLabel: string;
  height?: number;
}) {
  // Domain, ticks and bands come from the geometry the PDF charts use too, so both look alike.
  const [ref, near] = useNearViewport<HTMLDivElement>();
  const domain = timeDomain([...data.map((d) => d.x), ...markers.map((m) => m.x)]);
  return (
    <div ref={ref} className="chart" data-testid="time-line-chart" style={{ width: "100%", height }}>
      {near ? (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 16, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
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
            <XAxis dataKey="x" type="number" scale="time" domain={domain} ticks={timeTicks(domain)} tickFormatter={formatTimeTick} fontSize={11} />
            <YAxis domain={yDomain} ticks={niceTicks(yDomain[0], yDomain[1])} fontSize={11} width={40} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 11 }} />
            {markers.map((m, i) => (
              <ReferenceLine key={`${m.x}-${i}`} x={m.x} stroke={m.colour} strokeDasharray={m.dash} label={{ value: m.short, position: "top", fontSize: 10, fill: m.colour }} />
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
                  type="monotone"
                  dataKey={l.key}
                  name={l.label}
                  stroke={seriesColours[i % seriesColours.length]}
                  strokeWidth={l.reference ? 1 : 2}
                  strokeDasharray={l.dashed ? "6 3" : undefined}
                  dot={!l.reference && data.length <= 60 ? { r: 3 } : false}
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
