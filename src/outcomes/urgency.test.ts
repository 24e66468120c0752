import { describe, expect, it } from "vitest";
import { compareUrgency, flagsFor, urgencyScore, type Flag, type Triaged } from "./urgency";

const base = { openAlerts: 0, verdict: null, daysSinceCheckin: 3, daysSinceStart: 100, missedInARow: 0 };

describe("caseload urgency", () => {
  it("raises each flag at its threshold", () => {
    expect(flagsFor(base)).toEqual([]);
    expect(flagsFor({ ...base, openAlerts: 1, verdict: "deteriorated", daysSinceCheckin: 21, missedInARow: 3 })).toEqual(["critical_alert", "deterioration", "no_checkin", "missed_exercises"]);
    expect(flagsFor({ ...base, daysSinceCheckin: 20, missedInARow: 2 })).toEqual([]);
    // Never checked in: overdue only once the client has been with us for 21 days.
    expect(flagsFor({ ...base, daysSinceCheckin: null, daysSinceStart: 5 })).toEqual([]);
    expect(flagsFor({ ...base, daysSinceCheckin: null, daysSinceStart: 30 })).toEqual(["no_checkin"]);
  });

  it("puts an open alert with reliable deterioration first, and an alert above everything below it", () => {
    const rows: Triaged[] = [
      { name: "Quiet", flags: ["no_checkin", "missed_exercises"], latestSeverity: 3, daysSinceCheckin: 40 },
      { name: "Calm", flags: [], latestSeverity: 0, daysSinceCheckin: 2 },
      { name: "Alert and worse", flags: ["critical_alert", "deterioration"], latestSeverity: 2, daysSinceCheckin: 1 },
      { name: "Alert", flags: ["critical_alert"], latestSeverity: 1, daysSinceCheckin: 1 },
      { name: "Worse", flags: ["deterioration", "no_checkin", "missed_exercises"], latestSeverity: 3, daysSinceCheckin: 30 },
      { name: "Severe", flags: [], latestSeverity: 3, daysSinceCheckin: 2 },
    ];
    expect([...rows].sort(compareUrgency).map((r) => r.name)).toEqual(["Alert and worse", "Alert", "Worse", "Quiet", "Severe", "Calm"]);
    expect(urgencyScore(["critical_alert"])).toBeGreaterThan(urgencyScore(["deterioration", "no_checkin", "missed_exercises"]));
  });
});

describe("caseload arrangement", () => {
  it("filters by flag and keeps urgency order, or sorts by a column with empty values last", async () => {
    const { arrangeCaseload } = await import("./caseload-sort");
    const row = (name: string, flags: Flag[], adherence: number | null) => ({
      id: name, name, preferredName: null, recordNumber: name, status: "active" as const, spark: [], latest: null, verdict: null, adherence, daysSinceCheckin: 1, flags, urgency: urgencyScore(flags),
    });
    const rows = [row("A", ["critical_alert"], 0.5), row("B", ["no_checkin"], null), row("C", [], 0.9)];
    expect(arrangeCaseload(rows, { id: "urgency", desc: false }).map((r) => r.name)).toEqual(["A", "B", "C"]);
    expect(arrangeCaseload(rows, { id: "urgency", desc: false }, "no_checkin").map((r) => r.name)).toEqual(["B"]);
    expect(arrangeCaseload(rows, { id: "adherence", desc: true }).map((r) => r.name)).toEqual(["C", "A", "B"]);
    expect(arrangeCaseload(rows, { id: "adherence", desc: false }).map((r) => r.name)).toEqual(["A", "C", "B"]);
  });
});
