import { describe, expect, it } from "vitest";
import type { ZonedSchedule } from "./cadence";
import { dueOccurrencesBetween } from "./due";

const at = (iso: string) => new Date(iso);
const schedule = (extra: Partial<ZonedSchedule>): ZonedSchedule => ({
  cadence: { kind: "daily" },
  startDate: "2026-03-01",
  endDate: null,
  endedOn: null,
  pauses: [],
  timeZone: "America/New_York",
  ...extra,
});
const shown = (list: { date: string; dueAt: Date }[]) => list.map((o) => [o.date, o.dueAt.toISOString()]);

describe("the occurrences that come due between two instants", () => {
  it("daily at 09:00 in New York, across the spring change (2026-03-08: EST −5h, then EDT −4h)", () => {
    const due = dueOccurrencesBetween(schedule({ startDate: "2026-03-06" }), at("2026-03-07T00:00:00Z"), at("2026-03-10T00:00:00Z"), 9 * 60);
    // 03-06 at 09:00 EST is 14:00Z the day before the window: not listed.
    expect(shown(due)).toEqual([
      ["2026-03-07", "2026-03-07T14:00:00.000Z"],
      ["2026-03-08", "2026-03-08T13:00:00.000Z"],
      ["2026-03-09", "2026-03-09T13:00:00.000Z"],
    ]);
  });

  it("counts the client's calendar, not UTC's: Monday in Auckland (NZDT +13h) begins on Sunday in UTC", () => {
    // 2027-03-01 and 2027-03-08 are Mondays.
    const s = schedule({ cadence: { kind: "weekdays", days: [1] }, startDate: "2027-02-01", timeZone: "Pacific/Auckland" });
    const due = dueOccurrencesBetween(s, at("2027-03-01T00:00:00Z"), at("2027-03-08T00:00:00Z"));
    // Monday 03-01 began at 2027-02-28T11:00Z, before the window; Monday 03-08 at 2027-03-07T11:00Z.
    expect(shown(due)).toEqual([["2027-03-08", "2027-03-07T11:00:00.000Z"]]);
  });

  it("a time the clock skips moves later; a time the clock repeats comes due once, the first time", () => {
    const spring = dueOccurrencesBetween(schedule({}), at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"), 2 * 60 + 30);
    // 02:30 does not exist on 2026-03-08 in New York: 07:30Z, which the clock shows as 03:30 EDT.
    expect(shown(spring)).toEqual([["2026-03-08", "2026-03-08T07:30:00.000Z"]]);
    const autumn = dueOccurrencesBetween(schedule({}), at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"), 90);
    // 01:30 happens twice on 2026-11-01 (EDT, then EST): the first, 05:30Z.
    expect(shown(autumn)).toEqual([["2026-11-01", "2026-11-01T05:30:00.000Z"]]);
  });

  it("is half-open, so windows laid end to end list each occurrence exactly once", () => {
    const s = schedule({ cadence: { kind: "weekly" }, startDate: "2026-01-05" });
    const whole = dueOccurrencesBetween(s, at("2026-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), 8 * 60);
    expect(whole).toHaveLength(21);
    // Cut exactly on a due instant (Monday 2026-03-09 08:00 EDT = 12:00Z) and elsewhere.
    const cuts = ["2026-01-01T00:00:00Z", "2026-02-10T03:17:00Z", "2026-03-09T12:00:00Z", "2026-04-30T23:59:59Z", "2026-06-01T00:00:00Z"].map(at);
    const pieces = cuts.slice(1).flatMap((to, i) => dueOccurrencesBetween(s, cuts[i]!, to, 8 * 60));
    expect(shown(pieces)).toEqual(shown(whole));
    expect(shown(dueOccurrencesBetween(s, at("2026-03-09T12:00:00Z"), at("2026-03-09T12:00:01Z"), 8 * 60))).toEqual([["2026-03-09", "2026-03-09T12:00:00.000Z"]]);
  });

  it("keeps to the schedule's start, end, pauses and end of the assignment", () => {
    const s = schedule({
      startDate: "2026-05-04",
      endDate: "2026-05-20",
      endedOn: "2026-05-10",
      pauses: [{ from: "2026-05-06", until: "2026-05-08" }],
      timeZone: "UTC",
    });
    const due = dueOccurrencesBetween(s, at("2026-05-01T00:00:00Z"), at("2026-06-01T00:00:00Z"));
    expect(due.map((o) => o.date)).toEqual(["2026-05-04", "2026-05-05", "2026-05-08", "2026-05-09", "2026-05-10"]);
  });

  it("an empty or reversed window has nothing; an invalid instant is refused", () => {
    const s = schedule({});
    expect(dueOccurrencesBetween(s, at("2026-03-10T00:00:00Z"), at("2026-03-10T00:00:00Z"))).toEqual([]);
    expect(dueOccurrencesBetween(s, at("2026-03-11T00:00:00Z"), at("2026-03-10T00:00:00Z"))).toEqual([]);
    expect(() => dueOccurrencesBetween(s, at("nonsense"), at("2026-03-10T00:00:00Z"))).toThrow(RangeError);
    expect(() => dueOccurrencesBetween(s, at("2026-03-09T00:00:00Z"), at("2026-03-10T00:00:00Z"), 1440)).toThrow(RangeError);
  });
});
