import { occurrenceDates, type Cadence } from "./cadence";
import { addDays, type LocalDate } from "@/lib/local-date";

export const DEFAULT_EXPIRY_DAYS = 4;

export interface CheckinSchedule {
  cadence: Cadence;
  startDate: LocalDate;
  endDate: LocalDate | null;
  /** How many days (the due day included) a check-in stays open in the portal. */
  expiryDays: number;
  status: "active" | "ended";
}

export interface DueCheckin {
  /** The day the check-in came due. */
  date: LocalDate;
  /** The last day it can be completed (inclusive). */
  closesOn: LocalDate;
}

const asSchedule = (s: CheckinSchedule) => ({ cadence: s.cadence, startDate: s.startDate, endDate: s.endDate, endedOn: null, pauses: [] });

/** The most recent occurrence whose window still contains today, whether or not it was done. */
export function openOccurrence(schedule: CheckinSchedule, today: LocalDate): DueCheckin | null {
  if (schedule.status !== "active" || schedule.expiryDays < 1) return null;
  const dates = occurrenceDates(asSchedule(schedule), { from: addDays(today, -(schedule.expiryDays - 1)), to: today });
  const date = dates.at(-1);
  return date === undefined ? null : { date, closesOn: addDays(date, schedule.expiryDays - 1) };
}

/**
 * The check-in waiting to be done today, or null. It is due from its day until `expiryDays`
 * later, unless a check-in for this schedule was completed on or after its day. A newer
 * occurrence replaces an older one still open, so a client never faces two of the same.
 * `completedOn` holds the local days of the schedule's completed check-ins.
 */
export function dueCheckin(schedule: CheckinSchedule, completedOn: readonly LocalDate[], today: LocalDate): DueCheckin | null {
  const open = openOccurrence(schedule, today);
  if (!open) return null;
  return completedOn.some((day) => day >= open.date) ? null : open;
}

/** The next day a check-in comes due after today, within a year; null when none does. */
export function nextOccurrence(schedule: CheckinSchedule, today: LocalDate): LocalDate | null {
  if (schedule.status !== "active") return null;
  return occurrenceDates(asSchedule(schedule), { from: addDays(today, 1), to: addDays(today, 366) })[0] ?? null;
}
