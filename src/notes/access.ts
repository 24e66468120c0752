import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { visibleClients } from "@/clients/access";
import type { Db } from "@/db/client";
import { clients, sessionNotes, users, type NoteType } from "@/db/schema";
import { isUuid } from "@/lib/ids";


/** Notes that belong in one client's record: their own, and group notes they attended. */
export function noteOfClient(organisationId: string, clientId: string): SQL {
  // One list of ids from two index lookups (the client's own notes, the group sessions they
  // attended), not an OR across them: PostgreSQL 15 cannot use an index for that OR and read
  // every note of the organisation.
  return sql`${sessionNotes.id} in (
    select own_note.id from session_notes own_note where own_note.organisation_id = ${organisationId} and own_note.client_id = ${clientId}
    union all
    select m.note_id from note_group_members m where m.organisation_id = ${organisationId} and m.client_id = ${clientId})`;
}

/** A draft is its author's alone until signed; a signed note is part of the record. */
export function readableNote(actor: Actor): SQL {
  return or(eq(sessionNotes.status, "signed"), eq(sessionNotes.authorId, actor.userId))!;
}

export interface NoteRecord {
  id: string;
  /** The client whose record the note was reached through (for a group note, one attendee). */
  clientId: string;
  clientTimeZone: string;
  noteClientId: string | null;
  type: NoteType;
  status: "draft" | "signed";
  authorId: string;
  authorSupervisorId: string | null;
  version: number;
  cosignRequired: boolean;
  cosignedAt: Date | null;
}

/**
 * Loads a note through a client's record, for the actions: the client must be one the actor may
 * see, the note must belong in that client's record, and a draft only reaches its author.
 * Anything else is null, exactly like a note that does not exist.
 */
export async function loadNote(db: Db, actor: Actor, input: { clientId: string; noteId: string }): Promise<NoteRecord | null> {
  if (!isUuid(input.clientId) || !isUuid(input.noteId)) return null;
  const [client] = await db
    .select({ id: clients.id, timeZone: clients.timeZone })
    .from(clients)
    .where(and(eq(clients.id, input.clientId), visibleClients(actor)))
    .limit(1);
  if (!client) return null;
  const [row] = await db
    .select({
      id: sessionNotes.id,
      noteClientId: sessionNotes.clientId,
      type: sessionNotes.type,
      status: sessionNotes.status,
      authorId: sessionNotes.authorId,
      authorSupervisorId: users.supervisorId,
      version: sessionNotes.version,
      cosignRequired: sessionNotes.cosignRequired,
      cosignedAt: sessionNotes.cosignedAt,
    })
    .from(sessionNotes)
    .innerJoin(users, eq(users.id, sessionNotes.authorId))
    .where(
      and(
        eq(sessionNotes.id, input.noteId),
        eq(sessionNotes.organisationId, actor.organisationId),
        noteOfClient(actor.organisationId, client.id),
        readableNote(actor),
      ),
    )
    .limit(1);
  return row ? { ...row, clientId: client.id, clientTimeZone: client.timeZone } : null;
}
