import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adherence,
  classifyOccurrences,
  missedInARow,
  occurrenceDates,
  weeklyAdherence,
  type Cadence,
  type OccurrenceRow,
  type Pause,
  type Schedule,
  type ZonedSchedule,
} from "@/scheduling/cadence";
import {
  addDays,
  daysBetween,
  endOfLocalDayInstant,
  startOfLocalDayInstant,
  weekdayOf,
  type LocalDate,
} from "@/lib/local-date";

// Calendar used below: 2026-03-01 and 2026-11-01 are Sundays; 2028-02-29 is a Tuesday.
const daily: Cadence = { kind: "daily" };
const plan = (cadence: Cadence, startDate: LocalDate, extra: Partial<Schedule> = {}): Schedule => ({
  cadence,
  startDate,
  endDate: null,
  pauses: [],
  endedOn: null,
  ...extra,
});
const inZone = (timeZone: string, s: Schedule): ZonedSchedule => ({ ...s, timeZone });
const at = (iso: string): Date => new Date(iso);
const statuses = (rows: OccurrenceRow[]): string[] => rows.map((r) => `${r.date} ${r.status}`);
const row = (date: LocalDate, status: OccurrenceRow["status"]): OccurrenceRow => ({ date, status, completedAt: null });

describe("occurrenceDates", () => {
  it("weekly repeats on the start date's weekday", () => {
    const weekly = plan({ kind: "weekly" }, "2026-03-04"); // a Wednesday
    expect(occurrenceDates(weekly, { from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03-04", "2026-03-11", "2026-03-18", "2026-03-25"]);
    expect(occurrenceDates(weekly, { from: "2026-03-12", to: "2026-04-01" })).toEqual(["2026-03-18", "2026-03-25", "2026-04-01"]);
    expect(occurrenceDates(weekly, { from: "2026-02-01", to: "2026-03-03" })).toEqual([]);
  });

  it("weekdays Mon/Wed/Fri", () => {
    const mwf = plan({ kind: "weekdays", days: [1, 3, 5] }, "2026-03-01");
    expect(occurrenceDates(mwf, { from: "2026-03-01", to: "2026-03-14" })).toEqual([
      "2026-03-02", "2026-03-04", "2026-03-06", "2026-03-09", "2026-03-11", "2026-03-13",
    ]);
    expect(occurrenceDates(plan({ kind: "weekdays", days: [] }, "2026-03-01"), { from: "2026-03-01", to: "2026-03-14" })).toEqual([]);
    expect(() => occurrenceDates(plan({ kind: "weekdays", days: [7] }, "2026-03-01"), { from: "2026-03-01", to: "2026-03-02" })).toThrow(RangeError);
  });

  it("once falls on its start date only", () => {
    const once = plan({ kind: "once" }, "2026-03-10");
    expect(occurrenceDates(once, { from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03-10"]);
    expect(occurrenceDates(once, { from: "2026-03-11", to: "2026-03-31" })).toEqual([]);
  });

  it("pauses exclude [from, until) and the exercise resumes on until", () => {
    // Daily from Mon 03-02; paused 03-04 (inclusive) until 03-07 (resumes that day).
    const paused = plan(daily, "2026-03-02", { pauses: [{ from: "2026-03-04", until: "2026-03-07" }] });
    expect(occurrenceDates(paused, { from: "2026-03-01", to: "2026-03-08" })).toEqual(["2026-03-02", "2026-03-03", "2026-03-07", "2026-03-08"]);
    // Still paused since 03-06: nothing from then on.
    const open = plan(daily, "2026-03-02", { pauses: [{ from: "2026-03-06", until: null }] });
    expect(occurrenceDates(open, { from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]);
  });

  it("end date is inclusive; ending early cuts it shorter", () => {
    const ends = plan(daily, "2026-03-02", { endDate: "2026-03-05" });
    expect(occurrenceDates(ends, { from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]);
    const ended = plan(daily, "2026-03-02", { endDate: "2026-03-31", endedOn: "2026-03-04" });
    expect(occurrenceDates(ended, { from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03-02", "2026-03-03", "2026-03-04"]);
    const endedAfterEnd = plan(daily, "2026-03-02", { endDate: "2026-03-03", endedOn: "2026-03-20" });
    expect(occurrenceDates(endedAfterEnd, { from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03-02", "2026-03-03"]);
  });

  it("leap day 2028-02-29 is a day like any other", () => {
    expect(occurrenceDates(plan(daily, "2028-02-27"), { from: "2028-02-01", to: "2028-03-01" })).toEqual([
      "2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01",
    ]);
    expect(occurrenceDates(plan(daily, "2027-02-27"), { from: "2027-02-01", to: "2027-03-01" })).toEqual(["2027-02-27", "2027-02-28", "2027-03-01"]);
    expect(occurrenceDates(plan({ kind: "weekly" }, "2028-02-29"), { from: "2028-02-01", to: "2028-03-14" })).toEqual([
      "2028-02-29", "2028-03-07", "2028-03-14",
    ]);
    expect(occurrenceDates(plan({ kind: "weekdays", days: [2] }, "2028-02-20"), { from: "2028-02-20", to: "2028-03-01" })).toContain("2028-02-29");
  });
});

describe("classifyOccurrences across daylight-saving changes", () => {
  it("America/New_York spring forward (2026-03-08, a 23h day): one occurrence per local day", () => {
    const a = inZone("America/New_York", plan(daily, "2026-03-05"));
    const rows = classifyOccurrences(a, [
      at("2026-03-05T17:00:00Z"), // 12:00 EST 03-05
      at("2026-03-07T04:30:00Z"), // 23:30 EST 03-06
      at("2026-03-08T04:30:00Z"), // 23:30 EST 03-07
      at("2026-03-08T05:30:00Z"), // 00:30 EST 03-08, the short day
      at("2026-03-10T03:30:00Z"), // 23:30 EDT 03-09
    ], at("2026-03-11T16:00:00Z")); // now: 12:00 EDT 03-11
    expect(statuses(rows)).toEqual([
      "2026-03-05 done", "2026-03-06 done", "2026-03-07 done", "2026-03-08 done",
      "2026-03-09 done", "2026-03-10 missed", "2026-03-11 due",
    ]);
  });

  it("America/New_York fall back (2026-11-01, a 25h day): 23:30 counts for 11-01, 00:30 for 11-02", () => {
    const a = inZone("America/New_York", plan(daily, "2026-10-30"));
    const now = at("2026-11-03T17:00:00Z"); // 12:00 EST 11-03
    const rows = classifyOccurrences(a, [
      at("2026-10-30T16:00:00Z"), // 12:00 EDT 10-30
      at("2026-11-02T04:30:00Z"), // 23:30 EST 11-01
      at("2026-11-02T05:30:00Z"), // 00:30 EST 11-02
    ], now);
    expect(statuses(rows)).toEqual(["2026-10-30 done", "2026-10-31 missed", "2026-11-01 done", "2026-11-02 done", "2026-11-03 due"]);
    expect(rows[2]?.completedAt?.toISOString()).toBe("2026-11-02T04:30:00.000Z");
    // Both 01:30s of 11-01 (05:30Z EDT, 06:30Z EST) fall on 11-01: one done, the second counts for nothing.
    const twice = classifyOccurrences(a, [at("2026-11-01T05:30:00Z"), at("2026-11-01T06:30:00Z")], now);
    expect(statuses(twice).slice(2)).toEqual(["2026-11-01 done", "2026-11-02 missed", "2026-11-03 due"]);
  });

  it("Europe/London (2026-03-29, 2026-10-25): the local day, not the UTC day, decides", () => {
    const spring = inZone("Europe/London", plan(daily, "2026-03-28"));
    const springRows = classifyOccurrences(spring, [
      at("2026-03-28T23:59:00Z"), // 23:59 GMT 03-28
      at("2026-03-29T23:30:00Z"), // 00:30 BST 03-30, although still 03-29 in UTC
    ], at("2026-03-30T12:00:00Z"));
    expect(statuses(springRows)).toEqual(["2026-03-28 done", "2026-03-29 missed", "2026-03-30 done"]);

    const autumn = inZone("Europe/London", plan(daily, "2026-10-24"));
    const autumnRows = classifyOccurrences(autumn, [
      at("2026-10-24T23:30:00Z"), // 00:30 BST 10-25
      at("2026-10-25T23:30:00Z"), // 23:30 GMT 10-25, a second entry on the 25h day
    ], at("2026-10-26T12:00:00Z"));
    expect(statuses(autumnRows)).toEqual(["2026-10-24 missed", "2026-10-25 done", "2026-10-26 due"]);
  });

  it("Australia/Sydney, southern hemisphere (DST ends 2026-04-05, starts 2026-10-04)", () => {
    const april = inZone("Australia/Sydney", plan(daily, "2026-04-04"));
    expect(statuses(classifyOccurrences(april, [
      at("2026-04-04T12:59:00Z"), // 23:59 AEDT 04-04
      at("2026-04-05T13:30:00Z"), // 23:30 AEST 04-05
    ], at("2026-04-06T02:00:00Z")))).toEqual(["2026-04-04 done", "2026-04-05 done", "2026-04-06 due"]);

    const october = inZone("Australia/Sydney", plan(daily, "2026-10-03"));
    expect(statuses(classifyOccurrences(october, [
      at("2026-10-03T13:59:00Z"), // 23:59 AEST 10-03
      at("2026-10-03T14:00:00Z"), // 00:00 AEST 10-04, the 23h day
    ], at("2026-10-05T01:00:00Z")))).toEqual(["2026-10-03 done", "2026-10-04 done", "2026-10-05 due"]);
  });

  it("non-hour offsets: Asia/Kolkata (+05:30) and Pacific/Kiritimati (+14)", () => {
    const kolkata = inZone("Asia/Kolkata", plan(daily, "2026-05-09"));
    expect(statuses(classifyOccurrences(kolkata, [
      at("2026-05-09T18:29:00Z"), // 23:59 IST 05-09
      at("2026-05-09T18:30:00Z"), // 00:00 IST 05-10
    ], at("2026-05-10T06:30:00Z")))).toEqual(["2026-05-09 done", "2026-05-10 done"]);

    const kiritimati = inZone("Pacific/Kiritimati", plan({ kind: "once" }, "2026-01-01"));
    // 2025-12-31T10:00Z is already 00:00 on 2026-01-01 there; a minute earlier it is upcoming.
    expect(statuses(classifyOccurrences(kiritimati, [], at("2025-12-31T10:00:00Z")))).toEqual(["2026-01-01 due"]);
    expect(classifyOccurrences(kiritimati, [], at("2025-12-31T09:59:00Z"))).toEqual([]);
  });

  it("a client at UTC-10 (Pacific/Honolulu) submitting on the next UTC day but the same local day", () => {
    const s = plan(daily, "2026-06-15");
    const completion = at("2026-06-16T08:00:00Z"); // 22:00 HST 06-15
    const now = at("2026-06-16T09:00:00Z"); // 23:00 HST 06-15
    expect(statuses(classifyOccurrences(inZone("Pacific/Honolulu", s), [completion], now))).toEqual(["2026-06-15 done"]);
    // The same instants for a client in UTC: the 15th was missed, the 16th is done.
    expect(statuses(classifyOccurrences(inZone("UTC", s), [completion], now))).toEqual(["2026-06-15 missed", "2026-06-16 done"]);
  });
});

describe("classifyOccurrences: matching", () => {
  it("once: due, then done, late if done after its day, missed once past its end", () => {
    const once = inZone("UTC", plan({ kind: "once" }, "2026-03-10"));
    expect(classifyOccurrences(once, [], at("2026-03-09T12:00:00Z"))).toEqual([]); // upcoming
    expect(statuses(classifyOccurrences(once, [], at("2026-03-10T12:00:00Z")))).toEqual(["2026-03-10 due"]);
    expect(statuses(classifyOccurrences(once, [at("2026-03-10T09:00:00Z")], at("2026-03-10T12:00:00Z")))).toEqual(["2026-03-10 done"]);
    // No end date: still due two days on, then late when it arrives.
    expect(statuses(classifyOccurrences(once, [], at("2026-03-12T12:00:00Z")))).toEqual(["2026-03-10 due"]);
    expect(statuses(classifyOccurrences(once, [at("2026-03-11T09:00:00Z")], at("2026-03-12T12:00:00Z")))).toEqual(["2026-03-10 late"]);
    // With an end date of 03-11: due through 03-11, missed on 03-12.
    const bounded = inZone("UTC", plan({ kind: "once" }, "2026-03-10", { endDate: "2026-03-11" }));
    expect(statuses(classifyOccurrences(bounded, [], at("2026-03-11T23:00:00Z")))).toEqual(["2026-03-10 due"]);
    expect(statuses(classifyOccurrences(bounded, [], at("2026-03-12T00:00:00Z")))).toEqual(["2026-03-10 missed"]);
  });

  it("late needs a submission before the next occurrence; each submission satisfies one occurrence", () => {
    // Daily from Mon 03-02. Two entries on Tue 03-03: Monday stays missed (Tuesday is its own day).
    const d = inZone("UTC", plan(daily, "2026-03-02"));
    expect(statuses(classifyOccurrences(d, [at("2026-03-03T10:00:00Z"), at("2026-03-03T15:00:00Z")], at("2026-03-04T12:00:00Z"))))
      .toEqual(["2026-03-02 missed", "2026-03-03 done", "2026-03-04 due"]);

    // Mon/Wed/Fri: Mon 03-02 and Wed 03-04 unmet, one entry Thu 03-05 -> Wed late, Mon missed.
    const mwf = inZone("UTC", plan({ kind: "weekdays", days: [1, 3, 5] }, "2026-03-02"));
    const rows = classifyOccurrences(mwf, [at("2026-03-05T10:00:00Z")], at("2026-03-06T08:00:00Z"));
    expect(statuses(rows)).toEqual(["2026-03-02 missed", "2026-03-04 late", "2026-03-06 due"]);
    expect(rows[1]?.completedAt?.toISOString()).toBe("2026-03-05T10:00:00.000Z");

    // Weekly on Mondays: Wed 03-04 makes 03-02 late; 03-09 done on the day and a spare entry on
    // 03-10 counts for nothing; 03-16 missed until an entry on 03-19 turns it late.
    const weekly = inZone("UTC", plan({ kind: "weekly" }, "2026-03-02"));
    const entries = [at("2026-03-04T10:00:00Z"), at("2026-03-09T10:00:00Z"), at("2026-03-10T10:00:00Z")];
    expect(statuses(classifyOccurrences(weekly, entries, at("2026-03-18T12:00:00Z"))))
      .toEqual(["2026-03-02 late", "2026-03-09 done", "2026-03-16 missed"]);
    expect(statuses(classifyOccurrences(weekly, [...entries, at("2026-03-19T10:00:00Z")], at("2026-03-20T12:00:00Z"))))
      .toEqual(["2026-03-02 late", "2026-03-09 done", "2026-03-16 late"]);
  });

  it("pauses and ending: no rows while paused, rows again after resuming, none after ending", () => {
    const pauses: Pause[] = [{ from: "2026-03-04", until: "2026-03-07" }];
    const d = inZone("UTC", plan(daily, "2026-03-02", { pauses }));
    // An entry on paused 03-05 still falls in 03-03's window (03-03 up to the next occurrence, 03-07).
    expect(statuses(classifyOccurrences(d, [at("2026-03-02T09:00:00Z"), at("2026-03-05T09:00:00Z")], at("2026-03-08T12:00:00Z"))))
      .toEqual(["2026-03-02 done", "2026-03-03 late", "2026-03-07 missed", "2026-03-08 due"]);
    const ended = inZone("UTC", plan(daily, "2026-03-02", { endedOn: "2026-03-03" }));
    expect(statuses(classifyOccurrences(ended, [], at("2026-03-10T12:00:00Z")))).toEqual(["2026-03-02 missed", "2026-03-03 missed"]);
  });
});

describe("adherence, weekly adherence, missed in a row", () => {
  it("rate = (done + late) / (done + late + missed), today's open occurrence excluded", () => {
    const rows = [row("2026-03-02", "done"), row("2026-03-03", "late"), row("2026-03-04", "missed"), row("2026-03-05", "done"), row("2026-03-06", "due")];
    expect(adherence(rows)).toEqual({ due: 4, done: 2, late: 1, missed: 1, open: 1, rate: 0.75 });
    expect(adherence([row("2026-03-06", "due")])).toEqual({ due: 0, done: 0, late: 0, missed: 0, open: 1, rate: null });
  });

  it("weekly sums: daily from Wed 2026-03-04, now Tue 03-10", () => {
    const d = inZone("UTC", plan(daily, "2026-03-04"));
    const entries = ["2026-03-04", "2026-03-05", "2026-03-07", "2026-03-09"].map((day) => at(`${day}T12:00:00Z`));
    const rows = classifyOccurrences(d, entries, at("2026-03-10T12:00:00Z"));
    // 03-04 done, 03-05 done, 03-06 missed, 03-07 done, 03-08 missed, 03-09 done, 03-10 due (open).
    // Monday weeks: 03-02..03-08 -> 5 due, 3 completed; 03-09.. -> 1 due, 1 completed.
    expect(weeklyAdherence(rows)).toEqual([
      { weekStart: "2026-03-02", due: 5, completed: 3 },
      { weekStart: "2026-03-09", due: 1, completed: 1 },
    ]);
    // Sunday weeks: 03-01..03-07 -> 03-04..03-07 (4 due, 3 completed); 03-08.. -> 03-08, 03-09 (2, 1).
    expect(weeklyAdherence(rows, 0)).toEqual([
      { weekStart: "2026-03-01", due: 4, completed: 3 },
      { weekStart: "2026-03-08", due: 2, completed: 1 },
    ]);
    const total = adherence(rows);
    expect(weeklyAdherence(rows).reduce((n, w) => n + w.due, 0)).toBe(total.due);
    expect(weeklyAdherence(rows).reduce((n, w) => n + w.completed, 0)).toBe(total.done + total.late);
  });

  it("counts the run of misses at the end", () => {
    expect(missedInARow([])).toBe(0);
    expect(missedInARow([row("2026-03-01", "done"), row("2026-03-02", "missed"), row("2026-03-03", "missed"), row("2026-03-04", "missed")])).toBe(3);
    expect(missedInARow([row("2026-03-01", "missed"), row("2026-03-02", "missed"), row("2026-03-03", "late")])).toBe(0);
    // Today's open occurrence neither breaks nor extends the run.
    expect(missedInARow([row("2026-03-02", "missed"), row("2026-03-03", "missed"), row("2026-03-04", "missed"), row("2026-03-05", "due")])).toBe(3);
    // Rows of two assignments: a day with any submission ends the run.
    expect(missedInARow([row("2026-03-05", "done"), row("2026-03-04", "missed"), row("2026-03-05", "missed")])).toBe(0);
    const d = inZone("UTC", plan(daily, "2026-03-02"));
    expect(missedInARow(classifyOccurrences(d, [at("2026-03-02T10:00:00Z")], at("2026-03-06T10:00:00Z")))).toBe(3);
  });
});

const ZONES = [
  "UTC", "America/New_York", "America/Sao_Paulo", "Pacific/Honolulu", "Europe/London",
  "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Chatham",
] as const;

const day = (base: LocalDate, maxOffset: number) => fc.integer({ min: 0, max: maxOffset }).map((n) => addDays(base, n));
const pausesArb = fc.array(
  fc.record({ from: day("2025-12-01", 500), length: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) })
    .map(({ from, length }): Pause => ({ from, until: length === null ? null : addDays(from, length) })),
  { maxLength: 3 },
);
const isPausedOn = (d: LocalDate, pauses: readonly Pause[]): boolean =>
  pauses.some((p) => d >= p.from && (p.until === null || d < p.until));

describe("properties", () => {
  it("occurrence dates are increasing, unique, in range, unpaused and on allowed weekdays", () => {
    const cadence: fc.Arbitrary<Cadence> = fc.oneof(
      fc.constant<Cadence>({ kind: "once" }),
      fc.constant<Cadence>({ kind: "daily" }),
      fc.constant<Cadence>({ kind: "weekly" }),
      fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }).map((days): Cadence => ({ kind: "weekdays", days })),
    );
    const schedule = fc.record({
      cadence,
      startDate: day("2025-12-01", 400),
      endDate: fc.option(day("2026-01-01", 500), { nil: null }),
      endedOn: fc.option(day("2026-01-01", 500), { nil: null }),
      pauses: pausesArb,
    });
    fc.assert(
      fc.property(schedule, day("2025-11-01", 500), fc.integer({ min: 0, max: 120 }), (s, from, length) => {
        const to = addDays(from, length);
        const dates = occurrenceDates(s, { from, to });
        dates.forEach((d, i) => {
          if (i > 0) expect(d > (dates[i - 1] ?? "")).toBe(true);
          expect(d >= from && d <= to && d >= s.startDate).toBe(true);
          expect(s.endDate === null || d <= s.endDate).toBe(true);
          expect(s.endedOn === null || d <= s.endedOn).toBe(true);
          expect(isPausedOn(d, s.pauses)).toBe(false);
          if (s.cadence.kind === "weekly") expect(weekdayOf(d)).toBe(weekdayOf(s.startDate));
          if (s.cadence.kind === "weekdays") expect(s.cadence.days).toContain(weekdayOf(d));
          if (s.cadence.kind === "once") expect(d).toBe(s.startDate);
        });
        expect(new Set(dates).size).toBe(dates.length);
      }),
      { numRuns: 500 },
    );
  });

  it("daily in any zone: one row per unpaused local day, each done by a submission at any time that day", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        day("2026-01-01", 700),
        fc.integer({ min: 0, max: 90 }),
        pausesArb,
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (timeZone, startDate, length, pauses, fraction) => {
          const today = addDays(startDate, length);
          const a = inZone(timeZone, plan(daily, startDate, { pauses }));
          const now = endOfLocalDayInstant(today, timeZone);
          let paused = 0;
          const entries: Date[] = [];
          for (let d = startDate; d <= today; d = addDays(d, 1)) {
            if (isPausedOn(d, pauses)) paused++;
            const start = startOfLocalDayInstant(d, timeZone).getTime();
            const dayMs = endOfLocalDayInstant(d, timeZone).getTime() + 1 - start; // 23h, 24h or 25h
            entries.push(new Date(start + Math.floor(fraction * dayMs)));
          }
          const rows = classifyOccurrences(a, entries, now);
          expect(rows.length).toBe(daysBetween(startDate, today) + 1 - paused);
          expect(rows.every((r) => r.status === "done")).toBe(true);
          expect(new Set(rows.map((r) => r.date)).size).toBe(rows.length);
          const unmet = classifyOccurrences(a, [], now);
          expect(unmet.map((r) => r.date)).toEqual(rows.map((r) => r.date));
          expect(missedInARow(unmet)).toBe(unmet.filter((r) => r.status === "missed").length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
