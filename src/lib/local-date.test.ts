import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  compareLocalDates,
  daysBetween,
  endOfLocalDayInstant,
  isLocalDate,
  isValidTimeZone,
  localDateOf,
  parseLocalDate,
  startOfLocalDayInstant,
  startOfWeek,
  weekdayOf,
} from "@/lib/local-date";

const at = (iso: string): Date => new Date(iso);
const hoursLong = (d: string, tz: string): number =>
  (endOfLocalDayInstant(d, tz).getTime() + 1 - startOfLocalDayInstant(d, tz).getTime()) / 3_600_000;

const REAL_ZONES = [
  "UTC",
  "America/New_York",
  "America/Sao_Paulo",
  "Pacific/Honolulu",
  "Europe/London",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Kiritimati",
  "Pacific/Chatham",
] as const;

describe("validation", () => {
  it("accepts real calendar days only", () => {
    expect(isLocalDate("2028-02-29")).toBe(true); // 2028 is a leap year
    expect(isLocalDate("2027-02-29")).toBe(false);
    expect(isLocalDate("2026-13-01")).toBe(false);
    expect(isLocalDate("2026-4-05")).toBe(false);
    expect(isLocalDate("0000-01-01")).toBe(false);
    expect(isLocalDate(20260405)).toBe(false);
    expect(parseLocalDate("2026-04-05")).toBe("2026-04-05");
    expect(() => parseLocalDate("2026-02-30")).toThrow(RangeError);
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
  });

  it("recognises IANA time zones", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Asia/Kolkata")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
  });
});

describe("calendar arithmetic", () => {
  it("crosses month, year and leap-day boundaries", () => {
    // 2028 is a leap year: 02-28 -> 02-29 -> 03-01. 2027 is not: 02-28 -> 03-01.
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
    expect(daysBetween("2027-02-01", "2027-03-01")).toBe(28);
    expect(daysBetween("2026-03-10", "2026-03-01")).toBe(-9);
    // Across New York's spring-forward day (2026-03-08) a week is still 7 days.
    expect(daysBetween("2026-03-05", "2026-03-12")).toBe(7);
  });

  it("knows weekdays and week starts", () => {
    // 2026-03-08 is a Sunday; 2028-02-29 is a Tuesday; 2026-01-01 is a Thursday.
    expect(weekdayOf("2026-03-08")).toBe(0);
    expect(weekdayOf("2028-02-29")).toBe(2);
    expect(weekdayOf("2026-01-01")).toBe(4);
    expect(startOfWeek("2026-03-08")).toBe("2026-03-02"); // Monday weeks: Sunday is the last day
    expect(startOfWeek("2026-03-08", 0)).toBe("2026-03-08");
    expect(startOfWeek("2026-03-09")).toBe("2026-03-09");
    expect(startOfWeek("2026-01-01")).toBe("2025-12-29"); // a week spanning the new year
    expect(compareLocalDates("2026-03-08", "2026-03-09")).toBe(-1);
    expect(compareLocalDates("2026-03-09", "2026-03-09")).toBe(0);
    expect(compareLocalDates("2027-01-01", "2026-12-31")).toBe(1);
  });

  it("properties: addDays and daysBetween agree; weeks are 7 days", () => {
    const day = fc.integer({ min: -600_000, max: 2_800_000 }).map((n) => addDays("1970-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const e = addDays(d, n);
        expect(isLocalDate(e)).toBe(true);
        expect(daysBetween(d, e)).toBe(n);
        expect(compareLocalDates(e, d)).toBe(n > 0 ? 1 : n < 0 ? -1 : 0);
        expect(weekdayOf(addDays(d, 7 * n))).toBe(weekdayOf(d));
        const w = startOfWeek(d);
        expect(weekdayOf(w)).toBe(1);
        expect(daysBetween(w, d)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(w, d)).toBeLessThan(7);
      }),
    );
  });
});

describe("localDateOf", () => {
  it("reads the client's wall-clock day, not the UTC day", () => {
    // Pacific/Honolulu is UTC-10 all year: 2026-06-16T08:00Z is 22:00 on 2026-06-15 there.
    expect(localDateOf(at("2026-06-16T08:00:00Z"), "Pacific/Honolulu")).toBe("2026-06-15");
    expect(localDateOf(at("2026-06-16T10:00:00Z"), "Pacific/Honolulu")).toBe("2026-06-16");
    // Asia/Kolkata is UTC+05:30: 18:29Z is 23:59 the same day, 18:30Z is midnight of the next.
    expect(localDateOf(at("2026-05-09T18:29:00Z"), "Asia/Kolkata")).toBe("2026-05-09");
    expect(localDateOf(at("2026-05-09T18:30:00Z"), "Asia/Kolkata")).toBe("2026-05-10");
    // Pacific/Kiritimati is UTC+14: 10:00Z on 12-31 is already New Year's Day.
    expect(localDateOf(at("2025-12-31T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-01-01");
    expect(localDateOf(at("2025-12-31T09:59:59Z"), "Pacific/Kiritimati")).toBe("2025-12-31");
  });

  it("handles the New York fall-back night", () => {
    // 2026-11-01: 02:00 EDT (-4) falls back to 01:00 EST (-5).
    // 23:30 EST on 11-01 = 2026-11-02T04:30Z; 00:30 EST on 11-02 = 05:30Z.
    expect(localDateOf(at("2026-11-02T04:30:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDateOf(at("2026-11-02T05:30:00Z"), "America/New_York")).toBe("2026-11-02");
    // Both 01:30s of 11-01 (05:30Z EDT and 06:30Z EST) are the same day.
    expect(localDateOf(at("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDateOf(at("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01");
  });
});

describe("start and end of a local day", () => {
  it("America/New_York 2026: 23h on 03-08, 25h on 11-01", () => {
    // 03-08 starts at 00:00 EST = 05:00Z; 03-09 starts at 00:00 EDT = 04:00Z.
    expect(startOfLocalDayInstant("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDayInstant("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(endOfLocalDayInstant("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-09T03:59:59.999Z");
    expect(hoursLong("2026-03-08", "America/New_York")).toBe(23);
    // 11-01 starts at 00:00 EDT = 04:00Z; 11-02 starts at 00:00 EST = 05:00Z.
    expect(startOfLocalDayInstant("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfLocalDayInstant("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(hoursLong("2026-11-01", "America/New_York")).toBe(25);
    expect(hoursLong("2026-11-02", "America/New_York")).toBe(24);
  });

  it("Europe/London 2026: clocks change at 01:00Z on 03-29 and 10-25", () => {
    // 03-29 starts at 00:00 GMT = 00:00Z; 03-30 at 00:00 BST = 03-29T23:00Z.
    expect(startOfLocalDayInstant("2026-03-29", "Europe/London").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(startOfLocalDayInstant("2026-03-30", "Europe/London").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(hoursLong("2026-03-29", "Europe/London")).toBe(23);
    // 10-25 starts at 00:00 BST = 10-24T23:00Z; 10-26 at 00:00 GMT = 00:00Z.
    expect(startOfLocalDayInstant("2026-10-25", "Europe/London").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(startOfLocalDayInstant("2026-10-26", "Europe/London").toISOString()).toBe("2026-10-26T00:00:00.000Z");
    expect(hoursLong("2026-10-25", "Europe/London")).toBe(25);
  });

  it("Australia/Sydney 2026 (southern hemisphere): 25h on 04-05, 23h on 10-04", () => {
    // DST ends 04-05 03:00 AEDT (+11) -> 02:00 AEST (+10). 04-05 starts 04-04T13:00Z, 04-06 starts 04-05T14:00Z.
    expect(startOfLocalDayInstant("2026-04-05", "Australia/Sydney").toISOString()).toBe("2026-04-04T13:00:00.000Z");
    expect(startOfLocalDayInstant("2026-04-06", "Australia/Sydney").toISOString()).toBe("2026-04-05T14:00:00.000Z");
    expect(hoursLong("2026-04-05", "Australia/Sydney")).toBe(25);
    // DST starts 10-04 02:00 AEST -> 03:00 AEDT. 10-04 starts 10-03T14:00Z, 10-05 starts 10-04T13:00Z.
    expect(startOfLocalDayInstant("2026-10-04", "Australia/Sydney").toISOString()).toBe("2026-10-03T14:00:00.000Z");
    expect(startOfLocalDayInstant("2026-10-05", "Australia/Sydney").toISOString()).toBe("2026-10-04T13:00:00.000Z");
    expect(hoursLong("2026-10-04", "Australia/Sydney")).toBe(23);
  });

  it("non-hour offsets: Asia/Kolkata +05:30, Pacific/Kiritimati +14", () => {
    expect(startOfLocalDayInstant("2026-05-10", "Asia/Kolkata").toISOString()).toBe("2026-05-09T18:30:00.000Z");
    expect(endOfLocalDayInstant("2026-05-10", "Asia/Kolkata").toISOString()).toBe("2026-05-10T18:29:59.999Z");
    expect(startOfLocalDayInstant("2026-01-01", "Pacific/Kiritimati").toISOString()).toBe("2025-12-31T10:00:00.000Z");
  });

  it("America/Sao_Paulo skipped midnight on 2018-11-04: that day began at 01:00 (-02)", () => {
    // 2018-11-03 began at 00:00 -03 = 03:00Z. At 2018-11-04T03:00Z the clock read 00:00 -03 but
    // jumped to 01:00 -02, so 11-04 began at 03:00Z too, at 01:00 local, and lasted 23h.
    expect(startOfLocalDayInstant("2018-11-04", "America/Sao_Paulo").toISOString()).toBe("2018-11-04T03:00:00.000Z");
    expect(localDateOf(at("2018-11-04T02:59:59Z"), "America/Sao_Paulo")).toBe("2018-11-03");
    expect(hoursLong("2018-11-04", "America/Sao_Paulo")).toBe(23);
    // 2019-02-17: 00:00 -02 fell back to 23:00 -03 on 02-16, so 02-16 lasted 25h and 02-17 began at 03:00Z.
    expect(startOfLocalDayInstant("2019-02-17", "America/Sao_Paulo").toISOString()).toBe("2019-02-17T03:00:00.000Z");
    expect(hoursLong("2019-02-16", "America/Sao_Paulo")).toBe(25);
  });

  it("a day a zone skipped entirely is empty (Pacific/Apia, 2011-12-30)", () => {
    // Samoa jumped from 2011-12-29 23:59:59 (-10) to 2011-12-31 00:00 (+14) at 2011-12-30T10:00Z.
    const start = startOfLocalDayInstant("2011-12-30", "Pacific/Apia");
    expect(start.toISOString()).toBe("2011-12-30T10:00:00.000Z");
    expect(startOfLocalDayInstant("2011-12-31", "Pacific/Apia").toISOString()).toBe("2011-12-30T10:00:00.000Z");
    expect(endOfLocalDayInstant("2011-12-30", "Pacific/Apia").getTime()).toBe(start.getTime() - 1);
  });

  it("property: each day's start maps back to that day and the instant before to the previous day", () => {
    const day = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays("2024-01-01", n));
    fc.assert(
      fc.property(day, fc.constantFrom(...REAL_ZONES), (d, tz) => {
        const start = startOfLocalDayInstant(d, tz);
        expect(localDateOf(start, tz)).toBe(d);
        expect(localDateOf(new Date(start.getTime() - 1), tz)).toBe(addDays(d, -1));
        const end = endOfLocalDayInstant(d, tz);
        expect(localDateOf(end, tz)).toBe(d);
        const hours = (end.getTime() + 1 - start.getTime()) / 3_600_000;
        expect(hours).toBeGreaterThanOrEqual(23);
        expect(hours).toBeLessThanOrEqual(25);
      }),
      { numRuns: 300 },
    );
  });
});

describe("calendar arithmetic agrees with the platform's proleptic Gregorian calendar", () => {
  // The reference: JavaScript's Date in UTC (setUTCFullYear, since Date.UTC maps 0..99 to 1900s).
  const viaDate = (year: number, month: number, day: number) => {
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return date;
  };
  const iso = (date: Date) => `${String(date.getUTCFullYear()).padStart(4, "0")}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;

  it("addDays, weekdayOf, daysBetween and isLocalDate match Date on random days of years 1..9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: -40_000, max: 40_000 }), (year, month, day, n) => {
        const date = viaDate(year, month, day);
        const written = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
        const real = iso(date) === written;
        expect(isLocalDate(written)).toBe(real);
        if (!real) return;
        expect(weekdayOf(written)).toBe(date.getUTCDay());
        const later = new Date(date.getTime() + n * 86_400_000);
        if (later.getUTCFullYear() < 1 || later.getUTCFullYear() > 9999) {
          expect(() => addDays(written, n)).toThrow(RangeError);
          return;
        }
        expect(addDays(written, n)).toBe(iso(later));
        expect(daysBetween(written, iso(later))).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("localDateOf agrees with formatting each instant", () => {
  const zones = ["UTC", "America/New_York", "America/Sao_Paulo", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia", "America/St_Johns", "Africa/Casablanca"];
  it("for random instants of 1900..2100 in zones with odd offsets and changes", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, timeZone) => {
        const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(ms));
        const get = (t: string) => parts.find((p) => p.type === t)!.value;
        expect(localDateOf(new Date(ms), timeZone)).toBe(`${get("year")}-${get("month")}-${get("day")}`);
      }),
      { numRuns: 3000 },
    );
  });

  it("on both sides of every offset change of 2024 in New York, Lord Howe (30 minutes) and Casablanca", () => {
    for (const timeZone of ["America/New_York", "Australia/Lord_Howe", "Africa/Casablanca"]) {
      const fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
      for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 15 * 60_000) {
        for (const at of [ms - 1, ms]) expect(localDateOf(new Date(at), timeZone)).toBe(fmt.format(new Date(at)));
      }
    }
    // 210,000 instants: about 2 s alone, several times that beside the integration tests.
  }, 60_000);
});
