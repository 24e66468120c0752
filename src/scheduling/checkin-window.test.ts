import { describe, expect, it } from "vitest";
import { dueCheckin, nextOccurrence, openOccurrence, type CheckinSchedule } from "./checkin-window";

const weekly = (startDate: string, expiryDays = 4): CheckinSchedule => ({ cadence: { kind: "weekly" }, startDate, endDate: null, expiryDays, status: "active" });

describe("when a scheduled check-in is due in the portal", () => {
  // 2027-03-01 is a Monday.
  const s = weekly("2027-03-01");

  it("is open from its day through expiryDays − 1 days later, then closes", () => {
    expect(dueCheckin(s, [], "2027-03-01")).toEqual({ date: "2027-03-01", closesOn: "2027-03-04" });
    expect(dueCheckin(s, [], "2027-03-04")).toEqual({ date: "2027-03-01", closesOn: "2027-03-04" });
    expect(dueCheckin(s, [], "2027-03-05")).toBeNull();
    expect(dueCheckin(s, [], "2027-03-07")).toBeNull();
    expect(dueCheckin(s, [], "2027-03-08")).toEqual({ date: "2027-03-08", closesOn: "2027-03-11" });
  });

  it("is not due again once done on or after its day", () => {
    expect(dueCheckin(s, ["2027-03-02"], "2027-03-03")).toBeNull();
    expect(dueCheckin(s, ["2027-02-28"], "2027-03-03")).toEqual({ date: "2027-03-01", closesOn: "2027-03-04" });
    expect(dueCheckin(s, ["2027-03-02"], "2027-03-08")).toEqual({ date: "2027-03-08", closesOn: "2027-03-11" });
  });

  it("shows only the newest occurrence when windows overlap (daily with 4 days)", () => {
    const daily: CheckinSchedule = { ...s, cadence: { kind: "daily" } };
    expect(dueCheckin(daily, [], "2027-03-03")).toEqual({ date: "2027-03-03", closesOn: "2027-03-06" });
    expect(dueCheckin(daily, ["2027-03-03"], "2027-03-03")).toBeNull();
  });

  it("respects start, end, a one-off and an ended schedule", () => {
    expect(dueCheckin(s, [], "2027-02-28")).toBeNull();
    const once: CheckinSchedule = { ...s, cadence: { kind: "once" }, startDate: "2027-03-02" };
    expect(dueCheckin(once, [], "2027-03-05")).toEqual({ date: "2027-03-02", closesOn: "2027-03-05" });
    expect(dueCheckin(once, [], "2027-03-06")).toBeNull();
    expect(dueCheckin({ ...s, endDate: "2027-03-05" }, [], "2027-03-08")).toBeNull();
    expect(dueCheckin({ ...s, status: "ended" }, [], "2027-03-01")).toBeNull();
    expect(openOccurrence(weekly("2027-03-01", 1), "2027-03-02")).toBeNull();
  });

  it("names the next day one comes due", () => {
    expect(nextOccurrence(s, "2027-03-01")).toBe("2027-03-08");
    expect(nextOccurrence({ ...s, cadence: { kind: "weekdays", days: [3, 5] } }, "2027-03-03")).toBe("2027-03-05");
    expect(nextOccurrence({ ...s, endDate: "2027-03-05" }, "2027-03-01")).toBeNull();
  });
});
