import { dateTimeFormat } from "@/lib/date-format";

/** An instant as the client's own clock shows it (their time zone, not the server's). */
export function formatWhen(iso: string, timeZone: string, withTime = true): string {
  return dateTimeFormat("en-US", { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}), timeZone }).format(new Date(iso));
}

const dayFormats = {
  medium: dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }),
  full: dateTimeFormat("en-US", { dateStyle: "full", timeZone: "UTC" }),
};
// Charts, their tables and tooltips name the same days again and again: each is formatted once.
const formattedDays = new Map<string, string>();

/** A calendar day 'YYYY-MM-DD' in words. */
export function formatDay(day: string, style: "medium" | "full" = "medium"): string {
  const key = style === "medium" ? day : `${day} full`;
  let text = formattedDays.get(key);
  if (text === undefined) {
    text = dayFormats[style].format(Date.parse(`${day}T12:00:00Z`));
    if (formattedDays.size >= 20_000) formattedDays.clear();
    formattedDays.set(key, text);
  }
  return text;
}
