"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { seriesColours } from "./palette";
import { useNearViewport } from "./use-near-viewport";

export interface BarDatum {
  label: string;
  [key: string]: number | string;
}

/** Grouped bars per category (e.g. done versus due per week), with a legend naming each bar. */
export function GroupedBarChart({ data, bars, height = 240 }: { data: BarDatum[]; bars: { key: string; label: string }[]; height?: number }) {
  const [ref, near] = useNearViewport<HTMLDivElement>();
  return (
    <div ref={ref} className="chart" data-testid="bar-chart" style={{ width: "100%", height }}>
      {near ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={32} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {bars.map((b, i) => (
              <Bar key={b.key} dataKey={b.key} name={b.label} fill={seriesColours[i % seriesColours.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
