import { describe, expect, it } from "vitest";
import { familyVisibleNote, type FamilyViewSource } from "./family-view";

const note: FamilyViewSource = {
  type: "family_support",
  status: "signed",
  sessionDate: "2026-10-14",
  attendance: "attended",
  topics: ["boundaries", "detachment_with_love", "other"],
  topicsOther: "Holiday plans",
  data: "Mother described paying the client's rent again after the relapse.",
  assessment: "Enabling pattern persists; mother is ambivalent about stepping back.",
  plan: "Practise one boundary statement before the next session.",
};

describe("familyVisibleNote", () => {
  it("shows nothing when the family member consented to nothing (the default)", () => {
    expect(familyVisibleNote(note, "nothing")).toBeNull();
  });

  it("shows only the date, type and attendance under attendance-only consent", () => {
    expect(familyVisibleNote(note, "attendance_only")).toEqual({ sessionDate: "2026-10-14", type: "family_support", attendance: "attended" });
  });

  it("adds the topics under progress-summaries consent, never the DAP text", () => {
    const seen = familyVisibleNote(note, "progress_summaries");
    expect(seen).toEqual({
      sessionDate: "2026-10-14",
      type: "family_support",
      attendance: "attended",
      topics: ["boundaries", "detachment_with_love", "other"],
      topicsOther: "Holiday plans",
    });
    const text = JSON.stringify(seen);
    for (const secret of [note.data!, note.assessment!, note.plan!, "rent", "Enabling pattern"]) expect(text).not.toContain(secret);
  });

  it("keeps the other-topic text only when 'other' is ticked", () => {
    expect(familyVisibleNote({ ...note, topics: ["communication"] }, "progress_summaries")).toMatchObject({ topics: ["communication"], topicsOther: null });
  });

  it("shows nothing of a draft, whatever the consent", () => {
    for (const scope of ["nothing", "attendance_only", "progress_summaries"] as const) {
      expect(familyVisibleNote({ ...note, status: "draft" }, scope)).toBeNull();
    }
  });

  it("reports a cancelled session as cancelled", () => {
    expect(familyVisibleNote({ ...note, attendance: "cancelled", topics: [] }, "attendance_only")).toMatchObject({ attendance: "cancelled" });
  });

  it("does not let fields it does not know about through", () => {
    const wider = { ...note, individualPart: "Private remark", authorId: "u-1" } as FamilyViewSource;
    const seen = familyVisibleNote(wider, "progress_summaries");
    expect(Object.keys(seen ?? {}).sort()).toEqual(["attendance", "sessionDate", "topics", "topicsOther", "type"]);
  });
});
