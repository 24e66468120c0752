import { dateTimeFormat } from "@/lib/date-format";
import type { Cadence } from "@/assignments/cadence";

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** An instant as the client's own clock shows it (their time zone, not the server's). */
export function formatWhen(iso: string, timeZone: string, withTime = true): string {
  return dateTimeFormat("en-US", { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}), timeZone }).format(new Date(iso));
}

/** A calendar day 'YYYY-MM-DD' in words. */
export function formatDay(day: string, style: "medium" | "full" = "medium"): string {
  return dateTimeFormat("en-US", { dateStyle: style, timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}

export function describeCadence(cadence: Cadence): string {
  switch (cadence.kind) {
    case "once":
      return "Once";
    case "daily":
      return "Every day";
    case "weekly":
      return "Every week";
    case "weekdays":
      return `Every ${cadence.days.map((d) => weekdays[d]).join(", ")}`;
  }
}
