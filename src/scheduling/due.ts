/**
 * When a schedule's occurrences come due as instants: what a job that sends reminders needs
 * ("which occurrences fell due since I last looked?"). Occurrences are calendar days in the
 * client's zone (see ./cadence); this turns each into the instant the client's clock reaches a
 * chosen time of that day.
 */
import { addDays, localDateOf, localTimeInstant, type LocalDate } from "@/lib/local-date";
import { occurrenceDates, type ZonedSchedule } from "./cadence";

export type DueOccurrence = {
  /** The occurrence's day in the schedule's time zone. */
  date: LocalDate;
  /** When it comes due: that day at `minuteOfDay` on the client's clock. */
  dueAt: Date;
};

/**
 * The occurrences of `schedule` that come due in [from, to): at or after `from`, before `to`,
 * ascending. An occurrence comes due on its local day at `minuteOfDay` minutes past midnight in
 * the schedule's time zone (default 0, the start of the day); across a daylight-saving change
 * the time follows `localTimeInstant` (a repeated hour counts once, a skipped time moves later).
 * Consecutive windows [a, b), [b, c) list each occurrence exactly once, so a job can run on any
 * period and remember only where it stopped.
 */
export function dueOccurrencesBetween(schedule: ZonedSchedule, from: Date, to: Date, minuteOfDay = 0): DueOccurrence[] {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError("dueOccurrencesBetween: invalid Date");
  if (to.getTime() <= from.getTime()) return [];
  const { timeZone } = schedule;
  // A day's chosen time falls within that day, or (a skipped time) just after it: one day of margin.
  const range = { from: addDays(localDateOf(from, timeZone), -1), to: localDateOf(to, timeZone) };
  const due: DueOccurrence[] = [];
  for (const date of occurrenceDates(schedule, range)) {
    const dueAt = localTimeInstant(date, minuteOfDay, timeZone);
    if (dueAt.getTime() >= from.getTime() && dueAt.getTime() < to.getTime()) due.push({ date, dueAt });
  }
  return due;
}
