import { COUNSELOR_LOCALE, dateTimeFormat } from "@/lib/date-format";

/** An instant as the client's own clock shows it (their time zone, not the server's). */
export function formatWhen(iso: string, timeZone: string, withTime = true, locale = COUNSELOR_LOCALE): string {
  return dateTimeFormat(locale, { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}), timeZone }).format(new Date(iso));
}

const dayOptions = { medium: { dateStyle: "medium", timeZone: "UTC" }, full: { dateStyle: "full", timeZone: "UTC" } } as const;
// Charts, their tables and tooltips name the same days again and again: each is formatted once.
const formattedDays = new Map<string, string>();

/** A calendar day 'YYYY-MM-DD' in words, in the counselor's locale unless another is given. */
export function formatDay(day: string, style: "medium" | "full" = "medium", locale = COUNSELOR_LOCALE): string {
  const key = `${day} ${style} ${locale}`;
  let text = formattedDays.get(key);
  if (text === undefined) {
    text = dateTimeFormat(locale, dayOptions[style]).format(Date.parse(`${day}T12:00:00Z`));
    if (formattedDays.size >= 20_000) formattedDays.clear();
    formattedDays.set(key, text);
  }
  return text;
}
