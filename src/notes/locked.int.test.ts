import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { noteAddenda, noteFamilyAttendees, noteGroupMembers, sessionNotes } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, rejection, type TestDatabase } from "@/lib/testing/db";
import { addAddendum, addAddendumSpec, saveNote, saveNoteSpec, signNote, signNoteSpec } from "./mutations";
import { addSupporter, content, demoActors, demoTargets, newDraft, runAs } from "./testing";

// What the database itself guarantees, whatever the application does: a signed note is locked.
let t: TestDatabase;
let counselor: Actor;
let supervisor: Actor;
let family = { noteId: "", clientId: "", contactId: "", spareContactId: "" };
let group = { noteId: "", clientId: "" };
let addendumId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "not-used-here" });
  const actors = await demoActors(t.db);
  counselor = actors.counselor!;
  supervisor = actors.supervisor!;
  const targets = await demoTargets(t.db, counselor, actors.counselor3!);
  const run = runAs(t.db, counselor);

  const contactId = await addSupporter(t.db, counselor.organisationId, targets.own, "Margaret Lock");
  const spareContactId = await addSupporter(t.db, counselor.organisationId, targets.own, "Robert Lock");
  const noteId = await newDraft(t.db, counselor, targets.own, "family_support");
  const signed = await run(signNoteSpec, signNote, content(targets.own, noteId, 1, { attendee: contactId, [`engagement.${contactId}`]: "engaged", topics: "boundaries" }));
  expect(signed.kind).toBe("ok");
  family = { noteId, clientId: targets.own, contactId, spareContactId };

  const groupId = await newDraft(t.db, counselor, targets.own, "group");
  const groupSigned = await run(
    signNoteSpec,
    signNote,
    content(targets.own, groupId, 1, { member: [targets.own, targets.own2], [`part.${targets.own}`]: "Spoke first.", [`part.${targets.own2}`]: "Listened." }),
  );
  expect(groupSigned.kind).toBe("ok");
  group = { noteId: groupId, clientId: targets.own };

  const added = await run(addAddendumSpec, addAddendum, { clientId: targets.own, noteId, text: "Correction: the session ran 55 minutes." });
  if (added.kind !== "ok") throw new Error(JSON.stringify(added));
  addendumId = added.result.id;
});
afterAll(async () => t?.close());

describe(`a signed note in the database (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("refuses a direct UPDATE of its text, and of any other content column", async () => {
    expect(await rejection(t.db.execute(sql`update session_notes set data = 'tampered' where id = ${family.noteId}`))).toMatch(/signed: its content cannot change/);
    expect(await rejection(t.db.update(sessionNotes).set({ sessionDate: "2026-01-01" }).where(eq(sessionNotes.id, family.noteId)))).toMatch(/signed/);
    expect(await rejection(t.db.update(sessionNotes).set({ status: "draft", signedAt: null }).where(eq(sessionNotes.id, family.noteId)))).toMatch(/signed/);
    const [row] = await t.db.select({ data: sessionNotes.data }).from(sessionNotes).where(eq(sessionNotes.id, family.noteId));
    expect(row?.data).toBe("Client described feeling 'flat' at a family dinner.");
  });

  it("refuses to delete it", async () => {
    expect(await rejection(t.db.execute(sql`delete from session_notes where id = ${family.noteId}`))).toMatch(/cannot be deleted/);
  });

  it("refuses any change to its family attendees", async () => {
    const org = counselor.organisationId;
    expect(await rejection(t.db.insert(noteFamilyAttendees).values({ organisationId: org, noteId: family.noteId, contactId: family.spareContactId }))).toMatch(/attendees cannot change/);
    expect(await rejection(t.db.update(noteFamilyAttendees).set({ engagement: "very_engaged" }).where(eq(noteFamilyAttendees.noteId, family.noteId)))).toMatch(/attendees cannot change/);
    expect(await rejection(t.db.delete(noteFamilyAttendees).where(eq(noteFamilyAttendees.noteId, family.noteId)))).toMatch(/attendees cannot change/);
    expect(await t.db.select().from(noteFamilyAttendees).where(eq(noteFamilyAttendees.noteId, family.noteId))).toHaveLength(1);
  });

  it("refuses any change to a group note's attendees and individual parts", async () => {
    expect(await rejection(t.db.update(noteGroupMembers).set({ individualPart: "rewritten" }).where(eq(noteGroupMembers.noteId, group.noteId)))).toMatch(/cannot change/);
    expect(await rejection(t.db.delete(noteGroupMembers).where(eq(noteGroupMembers.noteId, group.noteId)))).toMatch(/cannot change/);
  });

  it("refuses to update or delete an addendum, ever", async () => {
    expect(await rejection(t.db.update(noteAddenda).set({ text: "quietly changed" }).where(eq(noteAddenda.id, addendumId)))).toMatch(/addenda are signed when written/);
    expect(await rejection(t.db.delete(noteAddenda).where(eq(noteAddenda.id, addendumId)))).toMatch(/addenda are signed when written/);
  });

  it("allows the co-signature once, and never a second one", async () => {
    await t.db.update(sessionNotes).set({ cosignedAt: new Date(), cosignedBy: supervisor.userId }).where(eq(sessionNotes.id, group.noteId));
    const [row] = await t.db.select({ by: sessionNotes.cosignedBy }).from(sessionNotes).where(eq(sessionNotes.id, group.noteId));
    expect(row?.by).toBe(supervisor.userId);
    expect(await rejection(t.db.update(sessionNotes).set({ cosignedBy: counselor.userId }).where(eq(sessionNotes.id, group.noteId)))).toMatch(/signed/);
    expect(await rejection(t.db.update(sessionNotes).set({ cosignedAt: null, cosignedBy: null }).where(eq(sessionNotes.id, group.noteId)))).toMatch(/signed/);
  });

  it("is refused by the save action too, with a message and nothing written", async () => {
    const run = runAs(t.db, counselor);
    const [before] = await t.db.select({ version: sessionNotes.version }).from(sessionNotes).where(eq(sessionNotes.id, family.noteId));
    const outcome = await run(saveNoteSpec, saveNote, content(family.clientId, family.noteId, before!.version, { data: "Changed after signing" }));
    expect(outcome).toMatchObject({ kind: "refused", message: expect.stringContaining("signed") });
    const again = await run(signNoteSpec, signNote, content(family.clientId, family.noteId, before!.version));
    expect(again).toMatchObject({ kind: "refused" });
    const [after] = await t.db.select({ version: sessionNotes.version, data: sessionNotes.data }).from(sessionNotes).where(eq(sessionNotes.id, family.noteId));
    expect(after).toEqual({ version: before!.version, data: "Client described feeling 'flat' at a family dinner." });
  });
});
