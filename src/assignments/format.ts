import type { Cadence } from "./cadence";
import { weekdayLabels } from "./schemas";

export function describeCadence(cadence: Cadence): string {
  switch (cadence.kind) {
    case "once":
      return "Once";
    case "daily":
      return "Every day";
    case "weekly":
      return "Every week";
    case "weekdays":
      return `Every ${cadence.days.map((d) => weekdayLabels[d]).join(", ")}`;
  }
}

export function formatAnswer(value: unknown, labels: Map<string, string>): string {
  if (Array.isArray(value)) return value.map((v) => labels.get(String(v)) ?? String(v)).join(", ");
  if (value === undefined || value === null || value === "") return "—";
  return labels.get(String(value)) ?? String(value);
}
