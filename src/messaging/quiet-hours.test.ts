import { describe, expect, it } from "vitest";
import { wallClockParts } from "@/lib/local-date";
import { isQuiet, nextSendTime, zonedTime } from "./quiet-hours";

describe("quiet hours", () => {
  it("21:00-08:00 is quiet by default", () => {
    expect([20, 21, 23, 0, 7, 8].map((h) => isQuiet(h))).toEqual([false, true, true, true, true, false]);
  });

  it("sends at once outside quiet hours", () => {
    const now = new Date("2026-07-01T15:00:00Z"); // 11:00 in New York
    expect(nextSendTime(now, "America/New_York", 9)).toEqual({ at: now, deferred: false });
  });

  it("defers a late-evening message to the person's preferred hour the next morning, in their own zone", () => {
    const now = new Date("2026-07-02T02:30:00Z"); // 22:30 on 1 July in New York (EDT, UTC-4)
    const { at, deferred } = nextSendTime(now, "America/New_York", 9);
    expect(deferred).toBe(true);
    expect(at.toISOString()).toBe("2026-07-02T13:00:00.000Z");
  });

  it("after midnight, the same morning", () => {
    const now = new Date("2026-07-02T06:00:00Z"); // 02:00 in New York
    expect(nextSendTime(now, "America/New_York", 9).at.toISOString()).toBe("2026-07-02T13:00:00.000Z");
  });

  it("a preferred hour inside quiet hours falls back to the end of quiet hours", () => {
    const now = new Date("2026-07-02T02:30:00Z");
    expect(wallClockParts(nextSendTime(now, "America/New_York", 6).at, "America/New_York").hour).toBe(8);
  });

  it("keeps the local hour across a daylight-saving change (Europe/Berlin, 29 March 2026)", () => {
    // 22:00 on Saturday 28 March in Berlin is 21:00 UTC (CET); 09:00 on Sunday is 07:00 UTC (CEST).
    const now = new Date("2026-03-28T21:00:00Z");
    const { at } = nextSendTime(now, "Europe/Berlin", 9);
    expect(at.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(wallClockParts(at, "Europe/Berlin").hour).toBe(9);
    // And back in autumn: 09:00 on Sunday 25 October is 08:00 UTC (CET again).
    expect(zonedTime(2026, 10, 25, 9, "Europe/Berlin").toISOString()).toBe("2026-10-25T08:00:00.000Z");
  });

  it("a southern-hemisphere zone a day ahead (Pacific/Auckland)", () => {
    const now = new Date("2026-06-30T10:00:00Z"); // 22:00 on 30 June in Auckland (NZST, UTC+12)
    expect(nextSendTime(now, "Pacific/Auckland", 10).at.toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });
});
