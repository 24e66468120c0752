import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { seedDemo } from "@/db/seed/demo";
import { addDays } from "@/lib/local-date";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { getNoteDetail } from "./detail";
import { saveNote, saveNoteSpec, signNote, signNoteSpec } from "./mutations";
import { listClientNotes } from "./queries";
import { content, demoActors, demoTargets, lastWeek, newDraft, runAs } from "./testing";

let t: TestDatabase;
let a: Record<string, Actor>;
let targets: Awaited<ReturnType<typeof demoTargets>>;
let groupId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "not-used-here" });
  a = await demoActors(t.db);
  targets = await demoTargets(t.db, a.counselor!, a.counselor3!);
  groupId = await newDraft(t.db, a.counselor!, targets.own, "group");
});
afterAll(async () => t?.close());

const groupContent = (version: number, over: Record<string, string | string[]> = {}) =>
  content(targets.own, groupId, version, {
    data: "Shared: the group practised naming one feeling each.",
    member: [targets.own, targets.shared],
    [`part.${targets.own}`]: "A: named 'irritation' for the first time.",
    [`part.${targets.shared}`]: "B: stayed quiet, left early.",
    ...over,
  });

describe(`group notes (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("refuses an attendee the author may not see, next to the attendee list", async () => {
    const outcome = await runAs(t.db, a.counselor!)(saveNoteSpec, saveNote, groupContent(1, { member: [targets.own, targets.elsewhere], [`part.${targets.elsewhere}`]: "x" }));
    expect(outcome).toMatchObject({ kind: "refused", fieldErrors: { members: ["Choose attendees from your own clients."] } });
    const dropped = await runAs(t.db, a.counselor!)(saveNoteSpec, saveNote, groupContent(1, { member: [targets.shared] }));
    expect(dropped).toMatchObject({ kind: "refused", fieldErrors: { members: [expect.stringContaining("Keep this client")] } });
  });

  it("shows each attendee's record the shared part and only their own individual part", async () => {
    expect((await runAs(t.db, a.counselor!)(signNoteSpec, signNote, groupContent(1))).kind).toBe("ok");
    const forA = await getNoteDetail(t.db, a.counselor!, groupId, { via: "client", clientId: targets.own });
    expect(forA?.data).toBe("Shared: the group practised naming one feeling each.");
    expect(forA?.groupSize).toBe(2);
    expect(forA?.parts.map((p) => p.individualPart)).toEqual(["A: named 'irritation' for the first time."]);
    expect(JSON.stringify(forA)).not.toContain("left early");

    const forB = await getNoteDetail(t.db, a.counselor2!, groupId, { via: "client", clientId: targets.shared });
    expect(forB?.parts.map((p) => p.individualPart)).toEqual(["B: stayed quiet, left early."]);
    expect(JSON.stringify(forB)).not.toContain("irritation");
    // counselor2 is on B's care team only: A's record, and so A's part, stays closed to them.
    expect(await getNoteDetail(t.db, a.counselor2!, groupId, { via: "client", clientId: targets.own })).toBeNull();
    expect(await getNoteDetail(t.db, a.counselor2!, groupId, { via: "responsible" })).toBeNull();

    // The supervisor who co-signs reviews the whole note.
    const whole = await getNoteDetail(t.db, a.supervisor!, groupId, { via: "responsible" });
    expect(whole?.parts).toHaveLength(2);
  });

  it("lists the group note in each attendee's notes, and in no one else's", async () => {
    expect((await listClientNotes(t.db, a.counselor!, targets.own, {})).map((n) => n.id)).toContain(groupId);
    expect((await listClientNotes(t.db, a.counselor!, targets.shared, {})).map((n) => n.id)).toContain(groupId);
    expect((await listClientNotes(t.db, a.counselor!, targets.own2, {})).map((n) => n.id)).not.toContain(groupId);
  });

  it("filters a client's notes by type, status and dates, newest first", async () => {
    const run = runAs(t.db, a.counselor!);
    const dates = [addDays(lastWeek(), -30), addDays(lastWeek(), -10), lastWeek()];
    const ids: string[] = [];
    for (const date of dates) {
      const id = await newDraft(t.db, a.counselor!, targets.own2, "individual", date);
      expect((await run(signNoteSpec, signNote, content(targets.own2, id, 1, { sessionDate: date }))).kind).toBe("ok");
      ids.push(id);
    }
    ids.push(await newDraft(t.db, a.counselor!, targets.own2, "family_support", dates[1]));
    // Only this test's notes count (the demo seed may have written others for the client).
    const list = async (filters: Parameters<typeof listClientNotes>[3]) => (await listClientNotes(t.db, a.counselor!, targets.own2, filters)).filter((n) => ids.includes(n.id));
    expect((await list({})).map((n) => n.sessionDate)).toEqual([dates[2], dates[1], dates[1], dates[0]]);
    expect(await list({ type: "family_support" })).toHaveLength(1);
    expect(await list({ status: "draft" })).toHaveLength(1);
    expect(await list({ status: "awaiting_cosign" })).toHaveLength(3);
    const range = await list({ from: dates[1], to: dates[1], status: "signed" });
    expect(range.map((n) => [n.sessionDate, n.type])).toEqual([[dates[1], "individual"]]);
    const everything = await listClientNotes(t.db, a.counselor!, targets.own2, { from: dates[1], to: dates[1] });
    expect(everything.every((n) => n.sessionDate === dates[1])).toBe(true);

    // Pages of two (each with one extra row to say there are more) walk the whole list once, in order.
    const whole = (await listClientNotes(t.db, a.counselor!, targets.own2, {})).map((n) => n.id);
    const walked: string[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await listClientNotes(t.db, a.counselor!, targets.own2, {}, 2, offset);
      walked.push(...page.slice(0, 2).map((n) => n.id));
      if (page.length <= 2) break;
    }
    expect(walked).toEqual(whole);
  });
});
