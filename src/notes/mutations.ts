import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { visibleClients } from "@/clients/access";
import type { Db } from "@/db/client";
import { clients, noteAddenda, noteFamilyAttendees, noteGroupMembers, sessionNotes, supportContacts, users } from "@/db/schema";
import type { ActionSpec, AuditSpec, Handler } from "@/lib/action-core";
import { ActionRefused, ConflictError, NotFoundError } from "@/lib/errors";
import { todayIn } from "@/lib/zod-fields";
import { findVisibleClientId } from "@/clients/access";
import { loadNote, type NoteRecord } from "./access";
import { readDraft, type NoteDraft } from "./draft";
import {
  addendumSchema,
  createNoteSchema,
  NOTE_CONFLICT_MESSAGE,
  NOTE_SIGNED_MESSAGE,
  noteContentSchema,
  noteRefSchema,
  signingProblems,
  type NoteContentInput,
} from "./schemas";
import { staffText } from "@/i18n/staff";

const nv = staffText("noteValidation");

const clinical = ["counselor", "supervisor"] as const;

const noteAudit = (action: string, record: NoteRecord, detail?: AuditSpec["detail"]): AuditSpec => ({
  action,
  entityType: "session_note",
  entityId: record.id,
  clientId: record.clientId,
  detail: detail ?? null,
});

type ClientRef = { clientId: string };

export const createNoteSpec: ActionSpec<typeof createNoteSchema, ClientRef, { id: string }> = {
  name: "note.create",
  schema: createNoteSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    return clientId ? { clientId } : null;
  },
  audit: ({ record, result, input }) => ({
    action: "note.create",
    entityType: "session_note",
    entityId: result.id,
    clientId: record.clientId,
    detail: { type: input.type },
  }),
};

/** A new draft, written by the actor; a group note starts with the client it was opened from. */
export const createNote: Handler<typeof createNoteSchema, ClientRef, { id: string }> = async ({ db, actor, input, record }) => {
  const [row] = await db
    .insert(sessionNotes)
    .values({
      organisationId: actor.organisationId,
      clientId: input.type === "group" ? null : record.clientId,
      type: input.type,
      sessionDate: input.sessionDate,
      startTime: input.startTime ?? null,
      durationMinutes: input.durationMinutes ?? null,
      attendance: input.attendance,
      authorId: actor.userId,
    })
    .returning({ id: sessionNotes.id });
  if (input.type === "group") {
    await db.insert(noteGroupMembers).values({ organisationId: actor.organisationId, noteId: row!.id, clientId: record.clientId });
  }
  return { id: row!.id };
};

function requireDraftAuthor(actor: Actor, record: NoteRecord) {
  if (record.status === "signed") throw new ActionRefused(NOTE_SIGNED_MESSAGE);
  // loadNote never hands another person's draft over; this repeats it where it matters most.
  if (record.authorId !== actor.userId) throw new NotFoundError();
}

/** The attendees must be this client's support network, and group members the actor's clients. */
async function checkParticipants(db: Db, actor: Actor, record: NoteRecord, input: NoteContentInput) {
  const errors: Record<string, string[]> = {};
  if (record.type === "family_support" && input.attendees.length && record.noteClientId) {
    const ids = input.attendees.map((a) => a.contactId);
    const found = await db
      .select({ id: supportContacts.id })
      .from(supportContacts)
      .where(
        and(
          inArray(supportContacts.id, ids),
          eq(supportContacts.clientId, record.noteClientId),
          eq(supportContacts.organisationId, actor.organisationId),
          isNull(supportContacts.archivedAt),
        ),
      );
    if (found.length !== ids.length) errors.attendees = [nv("attendeesFromNetwork")];
  }
  if (record.type === "group") {
    const ids = input.members.map((m) => m.clientId);
    if (!ids.includes(record.clientId)) {
      errors.members = [nv("keepClientInGroup")];
    } else {
      const found = await db
        .select({ id: clients.id })
        .from(clients)
        .where(and(inArray(clients.id, ids), visibleClients(actor)));
      if (found.length !== ids.length) errors.members = [nv("attendeesFromOwnClients")];
    }
  }
  if (Object.keys(errors).length) throw new ActionRefused(nv("checkAttendees"), errors);
}

/**
 * Writes a draft's content, but only over the version the person read: a stale save changes
 * nothing and comes back as a conflict, with the person's text echoed into the form.
 */
async function writeContent(db: Db, actor: Actor, record: NoteRecord, input: NoteContentInput): Promise<number> {
  await checkParticipants(db, actor, record, input);
  const family = record.type === "family_support";
  const [row] = await db
    .update(sessionNotes)
    .set({
      sessionDate: input.sessionDate,
      startTime: input.startTime ?? null,
      durationMinutes: input.durationMinutes ?? null,
      attendance: input.attendance,
      data: input.data,
      assessment: input.assessment,
      plan: input.plan,
      topics: family ? input.topics : [],
      topicsOther: family && input.topics.includes("other") ? (input.topicsOther ?? null) : null,
      version: sql`${sessionNotes.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(sessionNotes.id, record.id), eq(sessionNotes.version, input.version), eq(sessionNotes.status, "draft")))
    .returning({ version: sessionNotes.version });
  if (!row) throw new ConflictError(NOTE_CONFLICT_MESSAGE);
  const organisationId = actor.organisationId;
  if (family) {
    await db.delete(noteFamilyAttendees).where(eq(noteFamilyAttendees.noteId, record.id));
    if (input.attendees.length) {
      await db
        .insert(noteFamilyAttendees)
        .values(input.attendees.map((a) => ({ organisationId, noteId: record.id, contactId: a.contactId, engagement: a.engagement ?? null })));
    }
  }
  if (record.type === "group") {
    await db.delete(noteGroupMembers).where(eq(noteGroupMembers.noteId, record.id));
    await db.insert(noteGroupMembers).values(input.members.map((m) => ({ organisationId, noteId: record.id, clientId: m.clientId, individualPart: m.individualPart })));
  }
  return row.version;
}

export type SaveResult = { version: number; savedAt: string };

export const saveNoteSpec: ActionSpec<typeof noteContentSchema, NoteRecord, SaveResult> = {
  name: "note.save",
  schema: noteContentSchema,
  roles: clinical,
  load: loadNote,
  audit: ({ record, result }) => noteAudit("note.save", record, { version: result.version }),
};

export const saveNote: Handler<typeof noteContentSchema, NoteRecord, SaveResult> = async ({ db, actor, input, record }) => {
  requireDraftAuthor(actor, record);
  const version = await writeContent(db, actor, record, input);
  return { version, savedAt: new Date().toISOString() };
};

export const signNoteSpec: ActionSpec<typeof noteContentSchema, NoteRecord, { cosignRequired: boolean }> = {
  name: "note.sign",
  schema: noteContentSchema,
  roles: clinical,
  load: loadNote,
  audit: ({ record, result }) => noteAudit("note.sign", record, { cosignRequired: result.cosignRequired }),
};

/** Saves the text as it stands, then signs it in the same transaction: signed means locked. */
export const signNote: Handler<typeof noteContentSchema, NoteRecord, { cosignRequired: boolean }> = async ({ db, actor, input, record }) => {
  requireDraftAuthor(actor, record);
  const problems = signingProblems(record.type, input, todayIn(record.clientTimeZone));
  if (Object.keys(problems).length) throw new ActionRefused(nv("notSignedYet"), problems);
  const version = await writeContent(db, actor, record, input);
  const [author] = await db.select({ supervisorId: users.supervisorId }).from(users).where(eq(users.id, actor.userId));
  const cosignRequired = actor.role === "counselor" && Boolean(author?.supervisorId);
  const signed = await db
    .update(sessionNotes)
    .set({ status: "signed", signedAt: new Date(), cosignRequired, updatedAt: new Date() })
    .where(and(eq(sessionNotes.id, record.id), eq(sessionNotes.version, version), eq(sessionNotes.status, "draft")))
    .returning({ id: sessionNotes.id });
  if (!signed.length) throw new ConflictError(NOTE_CONFLICT_MESSAGE);
  return { cosignRequired };
};

export const addAddendumSpec: ActionSpec<typeof addendumSchema, NoteRecord, { id: string }> = {
  name: "note.addendum",
  schema: addendumSchema,
  roles: clinical,
  load: loadNote,
  audit: ({ record, result }) => noteAudit("note.addendum", record, { addendumId: result.id }),
};

/** A correction to a signed note: its own text, author and time, signed as it is written. */
export const addAddendum: Handler<typeof addendumSchema, NoteRecord, { id: string }> = async ({ db, actor, input, record }) => {
  if (record.status !== "signed") throw new ActionRefused(nv("stillDraft"));
  if (actor.userId !== record.authorId && actor.userId !== record.authorSupervisorId) {
    throw new ActionRefused(nv("addendumWho"));
  }
  const [row] = await db
    .insert(noteAddenda)
    .values({ organisationId: actor.organisationId, noteId: record.id, authorId: actor.userId, text: input.text })
    .returning({ id: noteAddenda.id });
  return { id: row!.id };
};

export const cosignNoteSpec: ActionSpec<typeof noteRefSchema, NoteRecord, void> = {
  name: "note.cosign",
  schema: noteRefSchema,
  roles: ["supervisor"],
  load: loadNote,
  audit: ({ record }) => noteAudit("note.cosign", record),
};

export const cosignNote: Handler<typeof noteRefSchema, NoteRecord, void> = async ({ db, actor, record }) => {
  if (record.status !== "signed") throw new ActionRefused(nv("onlySignedCosigned"));
  if (record.authorSupervisorId !== actor.userId) throw new ActionRefused(nv("onlySupervisorCosigns"));
  if (!record.cosignRequired) throw new ActionRefused(nv("noCosignNeeded"));
  const updated = await db
    .update(sessionNotes)
    .set({ cosignedAt: new Date(), cosignedBy: actor.userId })
    .where(and(eq(sessionNotes.id, record.id), eq(sessionNotes.status, "signed"), isNull(sessionNotes.cosignedAt)))
    .returning({ id: sessionNotes.id });
  if (!updated.length) throw new ActionRefused(nv("alreadyCosigned"));
};

export const latestNoteSpec: ActionSpec<typeof noteRefSchema, NoteRecord, NoteDraft> = {
  name: "note.view_latest",
  schema: noteRefSchema,
  roles: clinical,
  load: loadNote,
  audit: ({ record }) => noteAudit("note.view", record, { view: "latest" }),
};

/** The latest saved version, for its author to compare with what they typed after a conflict. */
export const latestNote: Handler<typeof noteRefSchema, NoteRecord, NoteDraft> = async ({ db, actor, record }) => {
  if (record.authorId !== actor.userId) throw new NotFoundError();
  const draft = await readDraft(db, actor.organisationId, record.id);
  if (!draft) throw new NotFoundError();
  return draft;
};
