import { addDays, daysBetween, endOfLocalDayInstant, isLocalDate, startOfLocalDayInstant, type LocalDate } from "@/lib/local-date";
import { todayIn } from "@/lib/zod-fields";
import type { Span } from "@/outcomes/range";
import { COUNSELOR_LOCALE } from "@/lib/date-format";

/** A report's period: whole local days in the client's time zone, both ends included. */
export interface ReportPeriod {
  from: LocalDate;
  to: LocalDate;
}

export const DEFAULT_PERIOD_DAYS = 90;
export const MAX_PERIOD_DAYS = 3 * 366;

/**
 * The period asked for in a URL (`from`, `to`), or the last 90 days up to today. A malformed,
 * reversed or overlong period is null: the caller answers 400 rather than guessing.
 */
export function parsePeriod(params: URLSearchParams | Record<string, string | string[] | undefined>, timeZone: string, today = todayIn(timeZone)): ReportPeriod | null {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const to = get("to") ?? today;
  const from = get("from") ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (!isLocalDate(from) || !isLocalDate(to) || from > to || daysBetween(from, to) > MAX_PERIOD_DAYS) return null;
  return { from, to };
}

/** The instants the period covers in the client's zone. */
export function periodSpan(period: ReportPeriod, timeZone: string): Span {
  return { from: startOfLocalDayInstant(period.from, timeZone), to: endOfLocalDayInstant(period.to, timeZone) };
}

/** The period as two dates, in the counselor's locale unless another is given (a client's summary). */
export function formatPeriod(period: ReportPeriod, locale: string = COUNSELOR_LOCALE): string {
  const longDay = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const d = (s: string) => longDay.format(new Date(`${s}T12:00:00Z`));
  return `${d(period.from)} – ${d(period.to)}`;
}

/** For file names: 2026-08-24_2026-11-21. */
export const periodSlug = (period: ReportPeriod) => `${period.from}_${period.to}`;
