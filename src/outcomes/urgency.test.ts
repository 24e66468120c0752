import { describe, expect, it } from "vitest";
import { compareUrgency, flagsFor, urgencyScore, type Flag, type Triaged } from "./urgency";

const base = { openAlerts: 0, verdict: null, daysSinceCheckin: 3, daysSinceStart: 100, missedInARow: 0 };

describe("caseload urgency", () => {
  it("raises each flag at its threshold", () => {
    expect(flagsFor(base)).toEqual([]);
    expect(flagsFor({ ...base, openAlerts: 1, verdict: "deteriorated", daysSinceCheckin: 21, missedInARow: 3 })).toEqual(["critical_alert", "deterioration", "no_checkin", "missed_exercises"]);
    expect(flagsFor({ ...base, daysSinceCheckin: 20, missedInARow: 2 })).toEqual([]);
    expect(flagsFor({ ...base, notOnTrack: true, daysSinceCheckin: 21 })).toEqual(["not_on_track", "no_checkin"]);
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
    expect(urgencyScore(["critical_alert"])).toBeGreaterThan(urgencyScore(["deterioration", "not_on_track", "no_checkin", "missed_exercises"]));
    // Behind the expected curve outweighs silence and missed exercises together, but not reliable deterioration.
    expect(urgencyScore(["not_on_track"])).toBeGreaterThan(urgencyScore(["no_checkin", "missed_exercises"]));
    expect(urgencyScore(["deterioration"])).toBeGreaterThan(urgencyScore(["not_on_track", "no_checkin", "missed_exercises"]));
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
    // The search: name or record number, any case, with the flag filter and the order kept.
    const named = [{ ...rows[0]!, name: "Avery Abbott", recordNumber: "RRC-1001" }, { ...rows[1]!, name: "Blake Holloway", recordNumber: "RRC-1002" }, rows[2]!];
    expect(arrangeCaseload(named, { id: "urgency", desc: false }, undefined, "blake").map((r) => r.name)).toEqual(["Blake Holloway"]);
    expect(arrangeCaseload(named, { id: "urgency", desc: false }, undefined, "rrc-100").map((r) => r.name)).toEqual(["Avery Abbott", "Blake Holloway"]);
    expect(arrangeCaseload(named, { id: "urgency", desc: false }, "critical_alert", "blake")).toEqual([]);
  });
});

describe("caseload paging", () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({
    id: `c${i}`, name: `C${i}`, preferredName: null, recordNumber: `R${i}`, status: "active" as const, spark: [], latest: null, verdict: null, adherence: null, daysSinceCheckin: 1, flags: [] as Flag[], urgency: 0,
  }));

  it("walks forward and back three at a time, and says where it is", async () => {
    const { pageCaseload } = await import("./caseload-sort");
    const first = pageCaseload(rows, 3, {});
    expect(first.rows.map((r) => r.id)).toEqual(["c0", "c1", "c2"]);
    expect(first.page).toMatchObject({ from: 1, to: 3, prevCursor: null });
    const second = pageCaseload(rows, 3, { after: first.page.nextCursor! });
    expect(second.rows.map((r) => r.id)).toEqual(["c3", "c4", "c5"]);
    expect(second.page).toMatchObject({ from: 4, to: 6 });
    const last = pageCaseload(rows, 3, { after: second.page.nextCursor! });
    expect(last.rows.map((r) => r.id)).toEqual(["c6"]);
    expect(last.page).toMatchObject({ from: 7, to: 7, nextCursor: null });
    const back = pageCaseload(rows, 3, { before: last.page.prevCursor! });
    expect(back.rows.map((r) => r.id)).toEqual(["c3", "c4", "c5"]);
    const backAgain = pageCaseload(rows, 3, { before: second.page.prevCursor! });
    expect(backAgain.rows.map((r) => r.id)).toEqual(["c0", "c1", "c2"]);
  });

  it("starts again at the first page when the cursor's row has gone or the cursor is not one of ours", async () => {
    const { pageCaseload } = await import("./caseload-sort");
    const { encodeCursor } = await import("@/components/data-table/table-state");
    expect(pageCaseload(rows, 3, { after: encodeCursor(["gone"]) }).rows.map((r) => r.id)).toEqual(["c0", "c1", "c2"]);
    expect(pageCaseload(rows, 3, { after: "not-a-cursor" }).rows.map((r) => r.id)).toEqual(["c0", "c1", "c2"]);
    expect(pageCaseload([], 3, {}).page).toEqual({ from: 0, to: 0, nextCursor: null, prevCursor: null });
  });
});
