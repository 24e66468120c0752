import { describe, expect, it } from "vitest";
import { noteContentSchema, notesFilterSchema, signingProblems, type NoteContentInput } from "./schemas";

const ids = {
  client: "5f0f7a4e-8a52-4c3b-9d1e-1a2b3c4d5e6f",
  note: "6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
  mum: "7b2c3d4e-5f6a-4b7c-9d8e-9f0a1b2c3d4e",
  dad: "8c3d4e5f-6a7b-4c8d-8e9f-0a1b2c3d4e5f",
};

const form = (over: Record<string, string | string[]> = {}) => ({
  clientId: ids.client,
  noteId: ids.note,
  version: "3",
  sessionDate: "2026-10-14",
  startTime: "14:30",
  durationMinutes: "50",
  attendance: "attended",
  data: "Client arrived on time.",
  assessment: "Affect brighter.",
  plan: "Continue weekly.",
  ...over,
});

function parse(over: Record<string, string | string[]> = {}): NoteContentInput {
  const result = noteContentSchema.safeParse(form(over));
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
}

describe("note content from a form", () => {
  it("gathers each attendee's engagement and each member's individual part", () => {
    const input = parse({
      attendee: [ids.mum, ids.dad],
      [`engagement.${ids.mum}`]: "engaged",
      [`engagement.${ids.dad}`]: "",
      member: ids.client,
      [`part.${ids.client}`]: "Spoke about the anniversary.",
      topics: ["boundaries", "enabling"],
    });
    expect(input.attendees).toEqual([
      { contactId: ids.mum, engagement: "engaged" },
      { contactId: ids.dad, engagement: undefined },
    ]);
    expect(input.members).toEqual([{ clientId: ids.client, individualPart: "Spoke about the anniversary." }]);
    expect(input.topics).toEqual(["boundaries", "enabling"]);
    expect(input.version).toBe(3);
    expect(input.durationMinutes).toBe(50);
  });

  it("lets a draft be mostly empty, but not without a date", () => {
    expect(parse({ data: "", assessment: "", plan: "", durationMinutes: "", startTime: "" })).toMatchObject({ durationMinutes: undefined, startTime: undefined });
    const noDate = noteContentSchema.safeParse(form({ sessionDate: "" }));
    expect(noDate.success).toBe(false);
  });

  it("refuses an unknown topic, engagement or a silly duration", () => {
    const cases: Record<string, string>[] = [{ topics: "gossip" }, { attendee: ids.mum, [`engagement.${ids.mum}`]: "ecstatic" }, { durationMinutes: "0" }, { durationMinutes: "1.5" }, { startTime: "25:00" }];
    for (const over of cases) {
      expect(noteContentSchema.safeParse(form(over)).success).toBe(false);
    }
  });
});

describe("what signing needs", () => {
  const today = "2026-10-20";

  it("asks for all three DAP sections and the duration of an attended session", () => {
    const problems = signingProblems("individual", parse({ assessment: "  ", plan: "", durationMinutes: "" }), today);
    expect(Object.keys(problems).sort()).toEqual(["assessment", "durationMinutes", "plan"]);
  });

  it("asks only what happened for a cancelled session", () => {
    expect(signingProblems("individual", parse({ attendance: "cancelled", assessment: "", plan: "", durationMinutes: "" }), today)).toEqual({});
    expect(Object.keys(signingProblems("individual", parse({ attendance: "no_show", data: "" }), today))).toEqual(["data"]);
  });

  it("refuses to sign a session in the future", () => {
    expect(signingProblems("individual", parse({ sessionDate: "2026-10-21" }), today)).toHaveProperty("sessionDate");
  });

  it("asks a family session for attendees with their engagement, and topics", () => {
    expect(Object.keys(signingProblems("family_support", parse(), today)).sort()).toEqual(["attendees", "topics"]);
    const unrated = parse({ attendee: ids.mum, topics: "boundaries" });
    expect(signingProblems("family_support", unrated, today)).toEqual({ attendees: ["Rate how each attendee engaged."] });
    const other = parse({ attendee: ids.mum, [`engagement.${ids.mum}`]: "somewhat", topics: "other" });
    expect(signingProblems("family_support", other, today)).toEqual({ topicsOther: ["Name the other topic."] });
    expect(signingProblems("family_support", { ...other, topicsOther: "Money" }, today)).toEqual({});
  });

  it("asks a group for two attendees, each with an individual part", () => {
    expect(signingProblems("group", parse({ member: ids.client, [`part.${ids.client}`]: "x" }), today)).toHaveProperty("members");
    const two = parse({ member: [ids.client, ids.mum], [`part.${ids.client}`]: "x", [`part.${ids.mum}`]: " " });
    expect(signingProblems("group", two, today)).toEqual({ members: ["Write a short individual part for each attendee."] });
  });
});

describe("notes filters from the URL", () => {
  it("keeps what it can read and drops the rest", () => {
    expect(notesFilterSchema.parse({ type: "group", status: "awaiting_cosign", from: "2026-01-01", to: "2026-02-30" })).toEqual({
      type: "group",
      status: "awaiting_cosign",
      from: "2026-01-01",
      to: undefined,
    });
    expect(notesFilterSchema.parse({ type: "x", status: ["signed", "draft"] })).toEqual({ type: undefined, status: undefined, from: undefined, to: undefined });
  });
});
