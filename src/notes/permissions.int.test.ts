import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { auditEvents, clientCareTeam, noteAddenda, sessionNotes } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createUser } from "@/lib/testing/fixtures";
import { getNoteDetail } from "./detail";
import { addAddendum, addAddendumSpec, cosignNote, cosignNoteSpec, latestNote, latestNoteSpec, saveNote, saveNoteSpec, signNote, signNoteSpec } from "./mutations";
import { listClientNotes, listNotesToCosign } from "./queries";
import { addSupporter, content, demoActors, demoTargets, newDraft, runAs } from "./testing";

let t: TestDatabase;
let a: Record<string, Actor>;
let clientId = "";
let contactId = "";
let noteId = "";
/** A supervisor who can see the client (their counselor is on its care team) but does not supervise the author. */
let otherSupervisor: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "not-used-here" });
  a = await demoActors(t.db);
  const targets = await demoTargets(t.db, a.counselor!, a.counselor3!);
  clientId = targets.shared;
  contactId = await addSupporter(t.db, a.counselor!.organisationId, clientId, "Linda Permission");
  noteId = await newDraft(t.db, a.counselor!, clientId, "family_support");
  const org = a.counselor!.organisationId;
  otherSupervisor = await createUser(t.db, org, { role: "supervisor", name: "Other Supervisor" });
  const theirCounselor = await createUser(t.db, org, { role: "counselor", supervisorId: otherSupervisor.userId });
  await t.db.insert(clientCareTeam).values({ organisationId: org, clientId, userId: theirCounselor.userId });
});
afterAll(async () => t?.close());

async function footprint() {
  const [note] = await t.db.select({ version: sessionNotes.version, status: sessionNotes.status, data: sessionNotes.data, cosignedAt: sessionNotes.cosignedAt }).from(sessionNotes).where(eq(sessionNotes.id, noteId));
  const [audits] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, noteId));
  const [addenda] = await t.db.select({ n: count() }).from(noteAddenda).where(eq(noteAddenda.noteId, noteId));
  return { note, audits: audits?.n, addenda: addenda?.n };
}

const familyContent = (version: number, over: Record<string, string | string[]> = {}) =>
  content(clientId, noteId, version, { attendee: contactId, [`engagement.${contactId}`]: "somewhat", topics: ["boundaries", "detachment_with_love"], ...over });

describe(`note permissions (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("lets only the author touch a draft: everyone else gets not_found and nothing is written", async () => {
    const before = await footprint();
    for (const who of ["counselor2", "counselor3", "supervisor", "admin", "other-org"]) {
      const run = runAs(t.db, a[who]!);
      expect({ who, kind: (await run(saveNoteSpec, saveNote, familyContent(1, { data: `by ${who}` }))).kind }).toEqual({ who, kind: "not_found" });
      expect({ who, kind: (await run(signNoteSpec, signNote, familyContent(1))).kind }).toEqual({ who, kind: "not_found" });
      expect({ who, kind: (await run(latestNoteSpec, latestNote, { clientId, noteId })).kind }).toEqual({ who, kind: "not_found" });
      expect(await getNoteDetail(t.db, a[who]!, noteId, { via: "client", clientId })).toBeNull();
    }
    expect(await footprint()).toEqual(before);
    // counselor2 sees the client, but not someone else's draft in its list.
    expect((await listClientNotes(t.db, a.counselor2!, clientId, {})).map((n) => n.id)).not.toContain(noteId);
    expect((await listClientNotes(t.db, a.counselor!, clientId, {})).map((n) => n.id)).toContain(noteId);
  });

  it("saves the author's draft, then signs it with a co-signature required", async () => {
    const run = runAs(t.db, a.counselor!);
    const saved = await run(saveNoteSpec, saveNote, familyContent(1));
    expect(saved).toMatchObject({ kind: "ok", result: { version: 2 } });
    const signed = await run(signNoteSpec, signNote, familyContent(2));
    expect(signed).toMatchObject({ kind: "ok", result: { cosignRequired: true } });
    const detail = await getNoteDetail(t.db, a.counselor2!, noteId, { via: "client", clientId });
    expect(detail).toMatchObject({ status: "signed", cosignRequired: true, cosignedAt: null, topics: ["boundaries", "detachment_with_love"] });
    expect(detail?.attendees).toEqual([{ contactId, name: "Linda Permission", relationship: "parent", engagement: "somewhat" }]);
  });

  it("hides the signed note from people who cannot see the client, exactly like a missing one", async () => {
    for (const who of ["counselor3", "admin", "other-org"]) {
      expect(await getNoteDetail(t.db, a[who]!, noteId, { via: "client", clientId })).toBeNull();
      expect(await listClientNotes(t.db, a[who]!, clientId, {})).toEqual([]);
    }
    expect(await getNoteDetail(t.db, a.counselor3!, "00000000-0000-4000-8000-000000000000", { via: "client", clientId })).toBeNull();
  });

  it("takes addenda from the author and the author's supervisor only", async () => {
    const before = await footprint();
    expect((await runAs(t.db, a.counselor2!)(addAddendumSpec, addAddendum, { clientId, noteId, text: "Not mine to add" })).kind).toBe("refused");
    expect((await runAs(t.db, otherSupervisor)(addAddendumSpec, addAddendum, { clientId, noteId, text: "Not my counselor" })).kind).toBe("refused");
    for (const who of ["counselor3", "admin", "other-org"]) {
      expect((await runAs(t.db, a[who]!)(addAddendumSpec, addAddendum, { clientId, noteId, text: "Probing" })).kind).toBe("not_found");
    }
    expect(await footprint()).toEqual(before);
    expect((await runAs(t.db, a.counselor!)(addAddendumSpec, addAddendum, { clientId, noteId, text: "First correction." })).kind).toBe("ok");
    expect((await runAs(t.db, a.supervisor!)(addAddendumSpec, addAddendum, { clientId, noteId, text: "Supervisor's remark." })).kind).toBe("ok");
    const detail = await getNoteDetail(t.db, a.counselor!, noteId, { via: "client", clientId });
    expect(detail?.addenda.map((x) => [x.text, x.authorName])).toEqual([
      ["First correction.", "Jordan Ellis"],
      ["Supervisor's remark.", "Dr. Priya Raman"],
    ]);
  });

  it("lets only the author's supervisor co-sign, once", async () => {
    const before = await footprint();
    expect((await runAs(t.db, a.counselor!)(cosignNoteSpec, cosignNote, { clientId, noteId })).kind).toBe("not_found");
    expect((await runAs(t.db, a.counselor2!)(cosignNoteSpec, cosignNote, { clientId, noteId })).kind).toBe("not_found");
    expect(await runAs(t.db, otherSupervisor)(cosignNoteSpec, cosignNote, { clientId, noteId })).toMatchObject({ kind: "refused", message: expect.stringContaining("author's supervisor") });
    expect((await runAs(t.db, a["other-org"]!)(cosignNoteSpec, cosignNote, { clientId, noteId })).kind).toBe("not_found");
    expect(await footprint()).toEqual(before);
    expect((await listNotesToCosign(t.db, a.supervisor!)).map((n) => n.id)).toContain(noteId);
    expect(await listNotesToCosign(t.db, otherSupervisor)).toEqual([]);

    expect((await runAs(t.db, a.supervisor!)(cosignNoteSpec, cosignNote, { clientId, noteId })).kind).toBe("ok");
    expect(await runAs(t.db, a.supervisor!)(cosignNoteSpec, cosignNote, { clientId, noteId })).toMatchObject({ kind: "refused", message: "This note is already co-signed." });
    const detail = await getNoteDetail(t.db, a.counselor!, noteId, { via: "client", clientId });
    expect(detail).toMatchObject({ cosignedByName: "Dr. Priya Raman", authorName: "Jordan Ellis" });
    expect(detail?.cosignedAt).toEqual(expect.any(String));
    expect((await listNotesToCosign(t.db, a.supervisor!)).map((n) => n.id)).not.toContain(noteId);
  });

  it("wrote one audit event per action, in the client's record", async () => {
    const rows = await t.db.select({ action: auditEvents.action, clientId: auditEvents.clientId }).from(auditEvents).where(and(eq(auditEvents.entityId, noteId)));
    const actions = rows.map((r) => r.action).sort();
    expect(actions).toEqual(["note.addendum", "note.addendum", "note.cosign", "note.create", "note.save", "note.sign"].sort());
    expect(new Set(rows.map((r) => r.clientId))).toEqual(new Set([clientId]));
  });
});
