import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clients, noteFamilyAttendees, noteGroupMembers, sessionNotes, type NoteType } from "@/db/schema";
import type { Attendance, EngagementLevel, FamilyTopic } from "./schemas";

/** A note as its editor holds it: every value a form field shows, as strings where forms want them. */
export interface NoteDraft {
  noteId: string;
  type: NoteType;
  status: "draft" | "signed";
  version: number;
  sessionDate: string;
  startTime: string;
  durationMinutes: string;
  attendance: Attendance;
  data: string;
  assessment: string;
  plan: string;
  topics: FamilyTopic[];
  topicsOther: string;
  attendees: { contactId: string; engagement: EngagementLevel | "" }[];
  members: { clientId: string; name: string; individualPart: string }[];
  updatedAt: string;
}

/**
 * Reads the whole of one note for its author's editor, every group member's part included. The
 * caller has already checked that the actor is the author (see loadNote and the edit page).
 */
export async function readDraft(db: Db, organisationId: string, noteId: string): Promise<NoteDraft | null> {
  const [note] = await db
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.id, noteId), eq(sessionNotes.organisationId, organisationId)));
  if (!note) return null;
  const attendees =
    note.type === "family_support"
      ? await db
          .select({ contactId: noteFamilyAttendees.contactId, engagement: noteFamilyAttendees.engagement })
          .from(noteFamilyAttendees)
          .where(and(eq(noteFamilyAttendees.noteId, note.id), eq(noteFamilyAttendees.organisationId, organisationId)))
      : [];
  const members =
    note.type === "group"
      ? await db
          .select({ clientId: noteGroupMembers.clientId, name: clients.name, individualPart: noteGroupMembers.individualPart })
          .from(noteGroupMembers)
          .innerJoin(clients, eq(clients.id, noteGroupMembers.clientId))
          .where(and(eq(noteGroupMembers.noteId, note.id), eq(noteGroupMembers.organisationId, organisationId)))
          .orderBy(asc(clients.name))
      : [];
  return {
    noteId: note.id,
    type: note.type,
    status: note.status,
    version: note.version,
    sessionDate: note.sessionDate,
    startTime: note.startTime ? note.startTime.slice(0, 5) : "",
    durationMinutes: note.durationMinutes === null ? "" : String(note.durationMinutes),
    attendance: note.attendance,
    data: note.data,
    assessment: note.assessment,
    plan: note.plan,
    topics: note.topics,
    topicsOther: note.topicsOther ?? "",
    attendees: attendees.map((a) => ({ contactId: a.contactId, engagement: a.engagement ?? "" })),
    members,
    updatedAt: new Date(note.updatedAt).toISOString(),
  };
}
