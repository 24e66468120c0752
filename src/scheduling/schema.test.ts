import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeCadence } from "./labels";
import { scheduledFormSchema, toCadence } from "./schema";

const schema = scheduledFormSchema({ note: z.string() });
const errorsOf = (input: Record<string, unknown>) => {
  const result = schema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
};

describe("the schedule fields of a form", () => {
  it("parses a form's strings into a cadence, weekdays as numbers", () => {
    const parsed = schema.parse({ note: "x", cadence: "weekdays", weekdays: ["4", "1", "4"], startDate: "2026-03-02", endDate: "" });
    expect(parsed).toMatchObject({ note: "x", cadence: "weekdays", weekdays: [4, 1, 4], startDate: "2026-03-02", endDate: undefined });
    expect(toCadence(parsed)).toEqual({ kind: "weekdays", days: [1, 4] });
    expect(toCadence({ cadence: "weekly", weekdays: [2] })).toEqual({ kind: "weekly" });
  });

  it("asks for a weekday when the cadence needs one, and a last day not before the first", () => {
    expect(errorsOf({ note: "x", cadence: "weekdays", startDate: "2026-03-02" })).toEqual({ weekdays: ["Choose at least one weekday."] });
    expect(errorsOf({ note: "x", cadence: "daily", startDate: "2026-03-02", endDate: "2026-03-01" })).toEqual({
      endDate: ["The last day must be on or after the first day."],
    });
    expect(errorsOf({ note: "x", cadence: "daily", startDate: "2026-03-02", endDate: "2026-03-02" })).toEqual({});
    expect(errorsOf({ note: "x", cadence: "hourly", weekdays: "9", startDate: "" })).toMatchObject({
      cadence: ["Choose how often."],
      startDate: expect.arrayContaining(["Choose the first day."]),
    });
  });

  it("names a cadence in a few words", () => {
    expect(describeCadence({ kind: "once" })).toBe("Once");
    expect(describeCadence({ kind: "weekly" })).toBe("Every week");
    expect(describeCadence({ kind: "weekdays", days: [1, 4] })).toBe("Every Mon, Thu");
  });
});
