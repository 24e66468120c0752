import { Circle, G, Line, Path, Rect, Svg, Text } from "@react-pdf/renderer";
import { dayX, formatTimeTick, linearPath, linearScale, markerGroups, niceTicks, plotArea, tickAnchor, tickLabelWidth, timeDomain, timeTicks, visibleBands } from "@/components/charts/geometry";
import { markerColours, seriesColours } from "@/components/charts/palette";
import { markerStyle } from "@/outcomes/markers";
import type { Marker } from "@/outcomes/queries";
import type { ReportIndicator } from "../progress-data";
import { FONT } from "./theme";
import { staffText } from "@/i18n/staff";

type SvgStyle = NonNullable<React.ComponentProps<typeof Path>["style"]>;
// Font settings for SVG text: react-pdf reads them from the style, which its types leave out.
const font = (size: number, bold = false) => ({ fontSize: size, fontFamily: FONT, fontWeight: bold ? "bold" : "normal" }) as unknown as SvgStyle;
const TICK_FONT = 6.5;

const EXPECTED_COLOUR = seriesColours[2];

/**
 * A score over time as vector graphics: the bands shaded and named, the expected recovery band
 * for the client's baseline (two thin dashed lines behind the scores, each named at its end),
 * straight segments between the observed points, and the event markers (one line and label per
 * day), laid out with the same geometry as the Trends tab's chart. The time axis ends on
 * `endDay`, the period's end.
 */
export function TrendChartPdf({ indicator, markers, endDay, width, height = 132 }: { indicator: ReportIndicator; markers: readonly Marker[]; endDay: string; width: number; height?: number }) {
  const t = staffText("pdfReport");
  const end = dayX(endDay);
  const points = (indicator.series?.points ?? []).filter((p) => dayX(p.day) <= end);
  const area = plotArea(width, height);
  const yDomain: [number, number] = [indicator.min, indicator.max];
  const xDomain = timeDomain([...points.map((p) => dayX(p.day)), ...markers.map((m) => dayX(m.day))], end);
  const x = linearScale(xDomain, [area.left, area.right]);
  const y = linearScale(yDomain, [area.bottom, area.top]);
  const line = points.map((p) => ({ x: x(dayX(p.day)), y: y(p.last) }));
  const clamp = (v: number) => Math.min(yDomain[1], Math.max(yDomain[0], v));
  const expected = (indicator.expected?.points ?? []).filter((p) => dayX(p.day) <= end);
  const edges = expected.length > 1 ? (["high", "low"] as const).map((k) => ({ k, points: expected.map((p) => ({ x: x(dayX(p.day)), y: y(clamp(p[k])) })) })) : [];
  const average = indicator.series?.grain !== "point" ? points.map((p) => ({ x: x(dayX(p.day)), y: y(p.mean) })) : [];
  const groups = markerGroups(
    markers.map((m) => ({ x: dayX(m.day), short: markerStyle[m.kind].short, colour: markerColours[m.kind], dash: markerStyle[m.kind].dash })),
    xDomain,
  );
  return (
    <Svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      {visibleBands(indicator.bands, yDomain).map((b) => (
        <G key={b.label}>
          <Rect x={area.left} y={y(b.to)} width={area.width} height={y(b.from) - y(b.to)} fill={b.fill} fillOpacity={0.7} />
          <Text x={area.right - 3} y={y(b.to) + 7.5} textAnchor="end" fill="#374151" style={font(6.5)}>
            {b.label}
          </Text>
        </G>
      ))}
      {niceTicks(yDomain[0], yDomain[1]).map((t) => (
        <G key={`y${t}`}>
          <Line x1={area.left} x2={area.right} y1={y(t)} y2={y(t)} stroke="#e5e7eb" strokeWidth={0.5} strokeDasharray="3 3" />
          <Text x={area.left - 4} y={y(t) + 2.5} textAnchor="end" fill="#4b5563" style={font(6.5)}>
            {String(t)}
          </Text>
        </G>
      ))}
      {timeTicks(xDomain).map((t) => {
        const label = formatTimeTick(t, xDomain);
        return (
          <G key={`x${t}`}>
            <Line x1={x(t)} x2={x(t)} y1={area.bottom} y2={area.bottom + 3} stroke="#6b7280" strokeWidth={0.5} />
            <Text x={x(t)} y={area.bottom + 11} textAnchor={tickAnchor(x(t), tickLabelWidth(label, TICK_FONT), 0, width)} fill="#4b5563" style={font(TICK_FONT)}>
              {label}
            </Text>
          </G>
        );
      })}
      <Line x1={area.left} x2={area.right} y1={area.bottom} y2={area.bottom} stroke="#6b7280" strokeWidth={0.6} />
      <Line x1={area.left} x2={area.left} y1={area.top} y2={area.bottom} stroke="#6b7280" strokeWidth={0.6} />
      {groups.map((g) => {
        const label = g.row === 0 ? area.top - 3 : area.top + 6;
        return (
          <G key={`m${g.x}`}>
            <Line x1={x(g.x)} x2={x(g.x)} y1={g.row === 0 ? area.top : area.top + 8} y2={area.bottom} stroke={g.colour} strokeWidth={0.7} strokeDasharray={g.dash === "0" ? undefined : g.dash} />
            <Text x={x(g.x)} y={label} textAnchor={tickAnchor(x(g.x), tickLabelWidth(g.label, 5.5), 0, width)} fill={g.colour} style={font(5.5)}>
              {g.label}
            </Text>
          </G>
        );
      })}
      {edges.map((e) => (
        <G key={e.k}>
          <Path d={linearPath(e.points)} stroke={EXPECTED_COLOUR} strokeWidth={0.8} strokeDasharray="4 2" fill="none" />
          <Text x={e.points.at(-1)!.x + 1.5} y={e.points.at(-1)!.y + (e.k === "high" ? -1.5 : 5.5)} textAnchor="end" fill={EXPECTED_COLOUR} style={font(5.5)}>
            {e.k === "high" ? t("percentile90") : t("percentile10")}
          </Text>
        </G>
      ))}
      {average.length > 1 ? <Path d={linearPath(average)} stroke={seriesColours[1]} strokeWidth={1.2} strokeDasharray="6 3" fill="none" /> : null}
      {line.length > 1 ? <Path d={linearPath(line)} stroke={seriesColours[0]} strokeWidth={1.6} fill="none" /> : null}
      {line.length <= 60 ? line.map((p, i) => <Circle key={`p${i}`} cx={p.x} cy={p.y} r={1.9} fill="#ffffff" stroke={seriesColours[0]} strokeWidth={1} />) : null}
    </Svg>
  );
}
