/**
 * When a message to a client or support person may go out: never in quiet hours (by default
 * 21:00-08:00 in the person's own time zone); a message written in quiet hours waits for their
 * preferred hour (or the end of quiet hours, if that hour is itself quiet). Computed with Intl
 * alone (through src/lib/local-date.ts), so daylight-saving changes follow the time zone database.
 */
import { wallClockParts } from "@/lib/local-date";

export interface QuietHours {
  /** Local hour quiet hours begin (inclusive). */
  start: number;
  /** Local hour quiet hours end (exclusive). */
  end: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21, end: 8 };

/** The instant a wall-clock time happens in a time zone (the later one in a repeated hour, the next real hour in a skipped one). */
export function zonedTime(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  let instant = guess;
  // Two corrections settle every offset, including across a change.
  for (let i = 0; i < 2; i++) {
    const p = wallClockParts(new Date(instant), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    instant += guess - asUtc;
  }
  return new Date(instant);
}

export function isQuiet(hour: number, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  return quiet.start > quiet.end ? hour >= quiet.start || hour < quiet.end : hour >= quiet.start && hour < quiet.end;
}

/**
 * Now, if now is not in quiet hours; otherwise the next time the person's preferred hour comes
 * round (or the end of quiet hours, when that hour is quiet too).
 */
export function nextSendTime(now: Date, timeZone: string, preferredHour: number, quiet: QuietHours = DEFAULT_QUIET_HOURS): { at: Date; deferred: boolean } {
  const local = wallClockParts(now, timeZone);
  if (!isQuiet(local.hour, quiet)) return { at: now, deferred: false };
  const hour = isQuiet(preferredHour, quiet) ? quiet.end : preferredHour;
  // Today at that hour if it is still ahead, else tomorrow.
  for (let add = 0; add < 3; add++) {
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day + add));
    const at = zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, timeZone);
    if (at.getTime() > now.getTime() && !isQuiet(wallClockParts(at, timeZone).hour, quiet)) return { at, deferred: true };
  }
  return { at: new Date(now.getTime() + 12 * 3_600_000), deferred: true };
}
