/**
 * A tiny trend line as plain SVG (no chart library: it sits in table rows). Its label says the
 * values in words, so the picture is never the only carrier.
 */
export function Sparkline({ values, min, max, label, width = 80, height = 20 }: { values: readonly number[]; min: number; max: number; label: string; width?: number; height?: number }) {
  if (values.length === 0) return <span className="text-muted">—</span>;
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(2 + i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`);
  const last = points.at(-1)!.split(",");
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="inline-block align-middle">
      <title>{label}</title>
      <polyline points={points.join(" ")} fill="none" stroke="#1d4ed8" strokeWidth={1.5} />
      <circle cx={last[0]} cy={last[1]} r={2} fill="#1d4ed8" />
    </svg>
  );
}
