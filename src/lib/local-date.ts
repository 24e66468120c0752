/**
 * Calendar days as 'YYYY-MM-DD' strings, independent of any time zone.
 *
 * Arithmetic works on the date parts (through UTC milliseconds, where every day is exactly 24h),
 * never by adding hours to a zoned instant: a daylight-saving change then can neither lose nor
 * duplicate a day. Time zones come in only when turning an instant into a local day or back.
 */

/** A calendar day, 'YYYY-MM-DD' (years 0001..9999). Validate untrusted input with `isLocalDate`. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil algorithms):
// integer arithmetic only, exact for every year here, and much cheaper than a Date per call.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function utcMsOf(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) * DAY_MS;
}

function partsOf(d: LocalDate): [number, number, number] {
  const m = LOCAL_DATE_RE.exec(d);
  if (!m) throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(d)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function toUtcMs(d: LocalDate): number {
  const [y, m, day] = partsOf(d);
  if (!isCalendarDay(y, m, day)) throw new RangeError(`Not a calendar date: ${JSON.stringify(d)}`);
  return utcMsOf(y, m, day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function fromUtcMs(ms: number): LocalDate {
  const [y, m, d] = civilFromDays(Math.floor(ms / DAY_MS));
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** True for a real calendar day written 'YYYY-MM-DD' (so '2027-02-29' is false). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== "string" || !LOCAL_DATE_RE.test(value)) return false;
  const [y, m, d] = partsOf(value);
  return isCalendarDay(y, m, d);
}

/** Returns the value as a LocalDate, or throws a RangeError. */
export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return value;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  const result = fromUtcMs(toUtcMs(d) + n * DAY_MS);
  if (result.length !== 10 || result < "0001-01-01") throw new RangeError(`addDays(${d}, ${n}) leaves years 0001..9999`);
  return result;
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekdayOf(d: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toUtcMs(d) / DAY_MS + 4) % 7) + 7) % 7;
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  // Fixed-width 'YYYY-MM-DD' sorts the same as the calendar.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first day of d's week; weekStartsOn 0 = Sunday, 1 = Monday (default). */
export function startOfWeek(d: LocalDate, weekStartsOn = 1): LocalDate {
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new RangeError(`weekStartsOn must be 0..6, got ${weekStartsOn}`);
  }
  return addDays(d, -((weekdayOf(d) - weekStartsOn + 7) % 7));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What the wall clock in timeZone shows at instant ms: its day, and ms past its midnight (whole seconds). */
function wallClockOf(ms: number, timeZone: string): { date: LocalDate; msOfDay: number } {
  // Formatting is slow; a zone's offset is the same through almost every hour, so it is read
  // once per zone and hour and applied by arithmetic. An hour whose two ends disagree (a change
  // of offset inside it) is always formatted.
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone} ${hour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const first = offsetFromParts(hour * HOUR_MS, timeZone);
    offset = first === offsetFromParts(hour * HOUR_MS + HOUR_MS - 1, timeZone) ? first : null;
    if (hourOffsets.size >= 50_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (offset === null) return formattedWallClockOf(ms, timeZone);
  const wall = Math.floor(ms / 1000) * 1000 + offset;
  return { date: fromUtcMs(wall), msOfDay: wall - Math.floor(wall / DAY_MS) * DAY_MS };
}

const HOUR_MS = 3_600_000;
const hourOffsets = new Map<string, number | null>();

function offsetFromParts(ms: number, timeZone: string): number {
  const wall = formattedWallClockOf(ms, timeZone);
  // The formatter's own digits, unchecked: an instant may show a day past 9999-12-31.
  const [y, m, d] = wall.date.split("-").map(Number) as [number, number, number];
  return utcMsOf(y, m, d) + wall.msOfDay - Math.floor(ms / 1000) * 1000;
}

function formattedWallClockOf(ms: number, timeZone: string): { date: LocalDate; msOfDay: number } {
  const n = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type in n) n[part.type as keyof typeof n] = Number(part.value);
  }
  return {
    date: `${pad(n.year, 4)}-${pad(n.month, 2)}-${pad(n.day, 2)}`,
    msOfDay: n.hour * 3_600_000 + n.minute * 60_000 + n.second * 1000,
  };
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in a time zone at an instant, as numbers (to the minute): from the same cached offsets as localDateOf. */
export function wallClockParts(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("wallClockParts: invalid Date");
  const { date, msOfDay } = wallClockOf(ms, timeZone);
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
    hour: Math.floor(msOfDay / HOUR_MS),
    minute: Math.floor((msOfDay % HOUR_MS) / 60_000),
  };
}

/** The calendar day that the wall clock shows at this instant in this zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("localDateOf: invalid Date");
  return wallClockOf(ms, timeZone).date;
}

function isOnOrAfter(ms: number, d: LocalDate, timeZone: string): boolean {
  return wallClockOf(ms, timeZone).date >= d;
}

/** How far the zone's wall clock is ahead of UTC at instant ms. */
function offsetAt(ms: number, timeZone: string): number {
  const wall = wallClockOf(ms, timeZone);
  return toUtcMs(wall.date) + wall.msOfDay - Math.floor(ms / 1000) * 1000;
}

/**
 * The first instant whose local day (in timeZone) is d or later.
 *
 * Usually local midnight, but not always: when a zone skips midnight (America/Sao_Paulo went from
 * 00:00 straight to 01:00 on 2018-11-04) the day starts at 01:00. When a zone skips a whole day
 * (Pacific/Apia skipped 2011-12-30) this is the start of the next day, and the day is empty.
 */
export function startOfLocalDayInstant(d: LocalDate, timeZone: string): Date {
  // The answer depends on nothing else, and schedules ask for the same days over and over.
  const key = `${timeZone} ${d}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  const start = computeStartOfLocalDay(d, timeZone);
  if (dayStarts.size >= 50_000) dayStarts.clear();
  dayStarts.set(key, start);
  return new Date(start);
}

const dayStarts = new Map<string, number>();

function computeStartOfLocalDay(d: LocalDate, timeZone: string): number {
  const midnightUtc = toUtcMs(d);
  // Fast path: local midnight through the zone's offset, accepted only if it is the boundary.
  const guess = midnightUtc - offsetAt(midnightUtc - offsetAt(midnightUtc, timeZone), timeZone);
  if (isOnOrAfter(guess, d, timeZone) && !isOnOrAfter(guess - 1, d, timeZone)) return guess;

  // Otherwise bisect; 30h either side of UTC midnight covers every offset a zone has ever used.
  let lo = midnightUtc - 30 * 3_600_000; // still the day before d
  let hi = midnightUtc + 30 * 3_600_000; // d or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (isOnOrAfter(mid, d, timeZone)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The last millisecond of local day d (before startOfLocalDayInstant when the day was skipped). */
export function endOfLocalDayInstant(d: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDayInstant(addDays(d, 1), timeZone).getTime() - 1);
}

/**
 * The instant at which the wall clock in timeZone shows day d at `minuteOfDay` minutes past
 * midnight (0..1439). When that wall time happens twice (the hour repeated when clocks go back),
 * the first; when it never happens (the hour skipped when clocks go forward), the instant it would
 * have been on the old offset, which the clock shows as that much later (02:30 becomes 03:30).
 */
export function localTimeInstant(d: LocalDate, minuteOfDay: number, timeZone: string): Date {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= 1440) {
    throw new RangeError(`minuteOfDay must be 0..1439, got ${minuteOfDay}`);
  }
  const wallAsUtc = toUtcMs(d) + minuteOfDay * 60_000;
  // Every offset a zone has used differs by less than 30h from UTC, and no zone has changed its
  // offset twice within a day: the offsets a day before and a day after are the only candidates.
  const before = offsetAt(wallAsUtc - DAY_MS, timeZone);
  const after = offsetAt(wallAsUtc + DAY_MS, timeZone);
  const shows = (ms: number): boolean => {
    const wall = wallClockOf(ms, timeZone);
    return wall.date === d && wall.msOfDay === minuteOfDay * 60_000;
  };
  const candidates = [wallAsUtc - before, wallAsUtc - after].filter(shows).sort((a, b) => a - b);
  return new Date(candidates[0] ?? wallAsUtc - before);
}
