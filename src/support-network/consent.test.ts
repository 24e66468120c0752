import { describe, expect, it } from "vitest";
import { allows, effectiveConsent, type ConsentRecord } from "./consent";

const record = (over: Partial<ConsentRecord>): ConsentRecord => ({
  id: Math.random().toString(36),
  scope: "attendance_only",
  validFrom: "2026-01-01",
  validUntil: null,
  recordedAt: "2026-01-01T10:00:00Z",
  revokedAt: null,
  ...over,
});

describe("effective consent", () => {
  it("is nothing when no consent was recorded", () => {
    expect(effectiveConsent([], "2026-05-01")).toBe("nothing");
  });

  it("applies only between its dates, both inclusive", () => {
    const c = [record({ scope: "progress_summaries", validFrom: "2026-03-01", validUntil: "2026-03-31" })];
    expect(effectiveConsent(c, "2026-02-28")).toBe("nothing");
    expect(effectiveConsent(c, "2026-03-01")).toBe("progress_summaries");
    expect(effectiveConsent(c, "2026-03-31")).toBe("progress_summaries");
    expect(effectiveConsent(c, "2026-04-01")).toBe("nothing");
  });

  it("ignores a revoked consent", () => {
    expect(effectiveConsent([record({ scope: "progress_summaries", revokedAt: "2026-02-01T00:00:00Z" })], "2026-03-01")).toBe("nothing");
  });

  it("lets the most recently recorded consent win, even a narrower one", () => {
    const c = [
      record({ scope: "progress_summaries", recordedAt: "2026-01-01T10:00:00Z" }),
      record({ scope: "attendance_only", recordedAt: "2026-02-01T10:00:00Z" }),
    ];
    expect(effectiveConsent(c, "2026-03-01")).toBe("attendance_only");
  });

  it("orders the scopes", () => {
    expect(allows("progress_summaries", "attendance_only")).toBe(true);
    expect(allows("attendance_only", "progress_summaries")).toBe(false);
    expect(allows("nothing", "attendance_only")).toBe(false);
  });
});
