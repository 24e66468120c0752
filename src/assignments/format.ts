export function formatAnswer(value: unknown, labels: Map<string, string>): string {
  if (Array.isArray(value)) return value.map((v) => labels.get(String(v)) ?? String(v)).join(", ");
  if (value === undefined || value === null || value === "") return "—";
  return labels.get(String(value)) ?? String(value);
}
