/**
 * Pure scheduling logic, shared by assigned exercises and check-in schedules: which local days a
 * schedule is due on, how each of those occurrences went, and adherence summaries. Everything is
 * computed on calendar days in the client's own time zone (see `@/lib/local-date`), so daylight-saving changes neither lose nor
 * duplicate an occurrence.
 */
import {
  addDays,
  daysBetween,
  localDateOf,
  startOfWeek,
  weekdayOf,
  type LocalDate,
} from "@/lib/local-date";

/** "weekly" repeats on the start date's weekday; "weekdays" days are 0 = Sunday .. 6 = Saturday. */
export type Cadence =
  | { kind: "once" }
  | { kind: "daily" }
  | { kind: "weekly" }
  | { kind: "weekdays"; days: number[] };

/** Paused from `from` (inclusive) until `until` (exclusive, the day it resumes); null = still paused. */
export type Pause = { from: LocalDate; until: LocalDate | null };

export type Schedule = {
  cadence: Cadence;
  startDate: LocalDate;
  /** Last day of the planned schedule (inclusive), or null for open-ended. */
  endDate: LocalDate | null;
  pauses: readonly Pause[];
  /**
   * Local day on which the counselor ended the assignment: it is the last day with an occurrence,
   * like endDate. A caller that wants ending today to drop today's occurrence passes yesterday.
   */
  endedOn: LocalDate | null;
};

/** A schedule and the time zone whose calendar days it counts (the client's). */
export type ZonedSchedule = Schedule & { timeZone: string };

/** Inclusive on both ends. */
export type DateRange = { from: LocalDate; to: LocalDate };

export type OccurrenceStatus = "done" | "late" | "missed" | "due";

export type OccurrenceRow = {
  date: LocalDate;
  status: OccurrenceStatus;
  /** The submission that satisfied this occurrence (done or late), else null. */
  completedAt: Date | null;
};

function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

/** The last day that can hold an occurrence, or null when open-ended. */
function lastDayOf(s: Schedule): LocalDate | null {
  if (s.endDate === null) return s.endedOn;
  if (s.endedOn === null) return s.endDate;
  return s.endDate < s.endedOn ? s.endDate : s.endedOn;
}

function isPaused(d: LocalDate, pauses: readonly Pause[]): boolean {
  return pauses.some((p) => d >= p.from && (p.until === null || d < p.until));
}

function weekdaySet(days: readonly number[]): Set<number> {
  for (const day of days) {
    if (!Number.isInteger(day) || day < 0 || day > 6) throw new RangeError(`Weekday must be 0..6, got ${day}`);
  }
  return new Set(days);
}

/** Every local day within `range` on which the exercise is due, ascending. */
export function occurrenceDates(schedule: Schedule, range: DateRange): LocalDate[] {
  const { cadence, startDate, pauses } = schedule;
  const last = lastDayOf(schedule);
  const from = maxDate(range.from, startDate);
  const to = last !== null && last < range.to ? last : range.to;
  if (from > to) return [];

  const dates: LocalDate[] = [];
  const push = (d: LocalDate): void => {
    if (!isPaused(d, pauses)) dates.push(d);
  };

  switch (cadence.kind) {
    case "once":
      if (startDate >= from && startDate <= to) push(startDate);
      break;
    case "daily":
      for (let d = from; d <= to; d = addDays(d, 1)) push(d);
      break;
    case "weekly": {
      const offset = ((daysBetween(startDate, from) % 7) + 7) % 7;
      for (let d = offset === 0 ? from : addDays(from, 7 - offset); d <= to; d = addDays(d, 7)) push(d);
      break;
    }
    case "weekdays": {
      const allowed = weekdaySet(cadence.days);
      if (allowed.size === 0) break;
      for (let d = from; d <= to; d = addDays(d, 1)) {
        if (allowed.has(weekdayOf(d))) push(d);
      }
      break;
    }
  }
  return dates;
}

/**
 * One row per occurrence up to today (in the client's zone); occurrences after today are not listed.
 *
 * Matching rule. Each occurrence owns the window from its own day up to (not including) the next
 * occurrence's day; the last occurrence's window stays open. An occurrence is
 * - done   when a submission fell on its own local day,
 * - late   when none did but one fell later inside its window,
 * - due    when nothing matched yet and it is today (or, for "once", the end has not passed),
 * - missed otherwise.
 * Windows never overlap, so each submission satisfies at most one occurrence. Why this rule: a late
 * entry is credited to the most recent unmet occurrence, i.e. the client catching up on what was
 * just asked, never back-filling an older one; that would hide a run of misses from the counselor.
 * A second submission on an already-done occurrence's window counts for nothing.
 */
export function classifyOccurrences(
  assignment: ZonedSchedule,
  completions: readonly Date[],
  now: Date,
): OccurrenceRow[] {
  const { timeZone, startDate } = assignment;
  const today = localDateOf(now, timeZone);
  const dates = occurrenceDates(assignment, { from: startDate, to: today });
  if (dates.length === 0) return [];

  const submissions = completions
    .map((at) => ({ at, day: localDateOf(at, timeZone) }))
    .filter((s) => s.day >= startDate && s.day <= today)
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  const rows: OccurrenceRow[] = [];
  let next = 0; // index into submissions, which are consumed in time order
  dates.forEach((date, i) => {
    const windowEnd = dates[i + 1]; // exclusive; undefined = open
    while (next < submissions.length && (submissions[next]?.day ?? "") < date) next++;
    const inWindow: { at: Date; day: LocalDate }[] = [];
    while (next < submissions.length) {
      const s = submissions[next];
      if (s === undefined || (windowEnd !== undefined && s.day >= windowEnd)) break;
      inWindow.push(s);
      next++;
    }

    const onTime = inWindow.find((s) => s.day === date);
    const later = inWindow[0];
    if (onTime) rows.push({ date, status: "done", completedAt: onTime.at });
    else if (later) rows.push({ date, status: "late", completedAt: later.at });
    else rows.push({ date, status: isStillOpen(assignment, date, today) ? "due" : "missed", completedAt: null });
  });
  return rows;
}

function isStillOpen(assignment: ZonedSchedule, date: LocalDate, today: LocalDate): boolean {
  if (date === today) return true;
  if (assignment.cadence.kind !== "once") return false;
  const last = lastDayOf(assignment);
  return last === null || today <= last;
}

export type Adherence = {
  /** Occurrences that count toward the rate: done + late + missed (still-open ones excluded). */
  due: number;
  done: number;
  late: number;
  missed: number;
  /** Occurrences still open (today's, or a "once" not yet done before its end): not in the rate. */
  open: number;
  /** (done + late) / due, or null when nothing has come due yet. */
  rate: number | null;
};

export function adherence(rows: readonly OccurrenceRow[]): Adherence {
  let done = 0;
  let late = 0;
  let missed = 0;
  let open = 0;
  for (const row of rows) {
    if (row.status === "done") done++;
    else if (row.status === "late") late++;
    else if (row.status === "missed") missed++;
    else open++;
  }
  const due = done + late + missed;
  return { due, done, late, missed, open, rate: due === 0 ? null : (done + late) / due };
}

export type WeeklyAdherence = { weekStart: LocalDate; due: number; completed: number };

/**
 * Done (on time or late) versus due per week of the occurrence's date, ascending; only weeks
 * holding at least one counted occurrence are listed. Still-open rows are left out, as in `adherence`.
 */
export function weeklyAdherence(rows: readonly OccurrenceRow[], weekStartsOn = 1): WeeklyAdherence[] {
  const weeks = new Map<LocalDate, WeeklyAdherence>();
  for (const row of rows) {
    if (row.status === "due") continue;
    const weekStart = startOfWeek(row.date, weekStartsOn);
    const week = weeks.get(weekStart) ?? { weekStart, due: 0, completed: 0 };
    week.due++;
    if (row.status !== "missed") week.completed++;
    weeks.set(weekStart, week);
  }
  return [...weeks.values()].sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1));
}

/**
 * Length of the run of missed occurrences at the end (still-open rows are skipped, neither breaking
 * nor extending it). Rows from several assignments may be mixed; within one day misses sort first,
 * so a day with any submission ends the run.
 */
export function missedInARow(rows: readonly OccurrenceRow[]): number {
  const rank = (r: OccurrenceRow): number => (r.status === "missed" ? 0 : 1);
  const closed = rows
    .filter((r) => r.status !== "due")
    .sort((a, b) => (a.date === b.date ? rank(a) - rank(b) : a.date < b.date ? -1 : 1));
  let run = 0;
  for (let i = closed.length - 1; i >= 0 && closed[i]?.status === "missed"; i--) run++;
  return run;
}
