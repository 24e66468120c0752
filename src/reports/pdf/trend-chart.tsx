import { Circle, G, Line, Path, Rect, Svg, Text } from "@react-pdf/renderer";
import { dayX, formatTimeTick, linearScale, monotonePath, niceTicks, plotArea, timeDomain, timeTicks, visibleBands } from "@/components/charts/geometry";
import { markerColours, seriesColours } from "@/components/charts/palette";
import { markerStyle } from "@/outcomes/markers";
import type { Marker } from "@/outcomes/queries";
import type { ReportIndicator } from "../progress-data";
import { FONT } from "./theme";

type SvgStyle = NonNullable<React.ComponentProps<typeof Path>["style"]>;
// Font settings for SVG text: react-pdf reads them from the style, which its types leave out.
const font = (size: number, bold = false) => ({ fontSize: size, fontFamily: FONT, fontWeight: bold ? "bold" : "normal" }) as unknown as SvgStyle;

/**
 * A score over time as vector graphics: the bands shaded and named, the line and its points,
 * and the event markers, laid out with the same geometry as the Trends tab's chart.
 */
export function TrendChartPdf({ indicator, markers, width, height = 132 }: { indicator: ReportIndicator; markers: readonly Marker[]; width: number; height?: number }) {
  const points = indicator.series?.points ?? [];
  const area = plotArea(width, height);
  const yDomain: [number, number] = [indicator.min, indicator.max];
  const xDomain = timeDomain([...points.map((p) => dayX(p.day)), ...markers.map((m) => dayX(m.day))]);
  const x = linearScale(xDomain, [area.left, area.right]);
  const y = linearScale(yDomain, [area.bottom, area.top]);
  const line = points.map((p) => ({ x: x(dayX(p.day)), y: y(p.last) }));
  const average = indicator.series?.grain !== "point" ? points.map((p) => ({ x: x(dayX(p.day)), y: y(p.mean) })) : [];
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
      {timeTicks(xDomain).map((t) => (
        <G key={`x${t}`}>
          <Line x1={x(t)} x2={x(t)} y1={area.bottom} y2={area.bottom + 3} stroke="#6b7280" strokeWidth={0.5} />
          <Text x={x(t)} y={area.bottom + 11} textAnchor="middle" fill="#4b5563" style={font(6.5)}>
            {formatTimeTick(t)}
          </Text>
        </G>
      ))}
      <Line x1={area.left} x2={area.right} y1={area.bottom} y2={area.bottom} stroke="#6b7280" strokeWidth={0.6} />
      <Line x1={area.left} x2={area.left} y1={area.top} y2={area.bottom} stroke="#6b7280" strokeWidth={0.6} />
      {markers.map((m, i) => (
        <G key={`m${i}`}>
          <Line x1={x(dayX(m.day))} x2={x(dayX(m.day))} y1={area.top} y2={area.bottom} stroke={markerColours[m.kind]} strokeWidth={0.7} strokeDasharray={markerStyle[m.kind].dash === "0" ? undefined : markerStyle[m.kind].dash} />
          <Text x={x(dayX(m.day))} y={area.top - 3} textAnchor="middle" fill={markerColours[m.kind]} style={font(5.5)}>
            {markerStyle[m.kind].short}
          </Text>
        </G>
      ))}
      {average.length > 1 ? <Path d={monotonePath(average)} stroke={seriesColours[1]} strokeWidth={1.2} strokeDasharray="6 3" fill="none" /> : null}
      {line.length > 1 ? <Path d={monotonePath(line)} stroke={seriesColours[0]} strokeWidth={1.6} fill="none" /> : null}
      {line.length <= 60 ? line.map((p, i) => <Circle key={`p${i}`} cx={p.x} cy={p.y} r={1.9} fill="#ffffff" stroke={seriesColours[0]} strokeWidth={1} />) : null}
    </Svg>
  );
}
