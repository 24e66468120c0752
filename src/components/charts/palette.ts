/** Chart colours. Colour is never the only carrier: every band, line and marker also has a label. */
export const bandFills = ["#dcfce7", "#e0f2fe", "#fef3c7", "#fee2e2", "#fae8ff"] as const;
export const seriesColours = ["#1d4ed8", "#b45309", "#047857", "#7c3aed"] as const;
export const markerColours = { exercise: "#047857", family_support: "#7c3aed", critical_alert: "#b91c1c" } as const;

export function bandFill(severity: number): string {
  return bandFills[Math.max(0, Math.min(bandFills.length - 1, severity))]!;
}
