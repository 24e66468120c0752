import { describe, expect, it } from "vitest";
import { formatSessionDate, formatSignedAt, sessionFacts } from "./format";

describe("note formatting", () => {
  it("shows a signature time in the client's zone, naming the zone", () => {
    expect(formatSignedAt("2026-11-20T22:42:00.000Z", "America/New_York")).toBe("Nov 20, 2026, 5:42 PM EST");
    expect(formatSignedAt("2026-07-01T16:05:00.000Z", "America/Los_Angeles")).toBe("Jul 1, 2026, 9:05 AM PDT");
  });

  it("shows a session's day as a calendar day, whatever the server's zone", () => {
    expect(formatSessionDate("2026-11-16")).toBe("Mon, Nov 16, 2026");
  });

  it("leaves out what was not recorded", () => {
    expect(sessionFacts({ startTime: "14:30", durationMinutes: 50, attendance: "attended" })).toBe("14:30 · 50 minutes · Attended");
    expect(sessionFacts({ startTime: null, durationMinutes: null, attendance: "no_show" })).toBe("No-show");
  });
});
