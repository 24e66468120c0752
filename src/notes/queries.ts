import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/auth/actor";
import { visibleClients } from "@/clients/access";
import type { Db } from "@/db/client";
import { clients, sessionNotes, supportContacts, users, type NoteType, type Relationship } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { noteOfClient, readableNote } from "./access";
import type { Attendance, NotesFilter } from "./schemas";

/** The ids of the clients the actor may see, as a subquery. */
export const visibleClientIds = (actor: Actor): SQL => sql`(select ${clients.id} from ${clients} where ${visibleClients(actor)})`;

export interface NoteListItem {
  id: string;
  type: NoteType;
  status: "draft" | "signed";
  sessionDate: string;
  startTime: string | null;
  durationMinutes: number | null;
  attendance: Attendance;
  cosignRequired: boolean;
  cosigned: boolean;
  authorName: string;
  excerpt: string;
  addenda: number;
}

function filterConditions(filters: NotesFilter): SQL[] {
  const out: SQL[] = [];
  if (filters.type) out.push(eq(sessionNotes.type, filters.type));
  if (filters.status === "draft") out.push(eq(sessionNotes.status, "draft"));
  if (filters.status === "signed") out.push(eq(sessionNotes.status, "signed"));
  if (filters.status === "awaiting_cosign") out.push(and(eq(sessionNotes.status, "signed"), eq(sessionNotes.cosignRequired, true), isNull(sessionNotes.cosignedAt))!);
  if (filters.from) out.push(gte(sessionNotes.sessionDate, filters.from));
  if (filters.to) out.push(lte(sessionNotes.sessionDate, filters.to));
  return out;
}

/**
 * A client's notes, newest session first: their own and the group sessions they attended; other
 * people's drafts are left out. Returns one more row than the limit so the page can say so.
 */
/** Up to `limit` + 1 notes (the extra one says there are more), skipping the first `offset`. */
export async function listClientNotes(db: Db, actor: Actor, clientId: string, filters: NotesFilter, limit = 100, offset = 0): Promise<NoteListItem[]> {
  if (!isUuid(clientId)) return [];
  const author = alias(users, "author");
  const rows = await db
    .select({
      id: sessionNotes.id,
      type: sessionNotes.type,
      status: sessionNotes.status,
      sessionDate: sessionNotes.sessionDate,
      startTime: sessionNotes.startTime,
      durationMinutes: sessionNotes.durationMinutes,
      attendance: sessionNotes.attendance,
      cosignRequired: sessionNotes.cosignRequired,
      cosignedAt: sessionNotes.cosignedAt,
      authorName: author.name,
      excerpt: sql<string>`left(${sessionNotes.data}, 180)`,
      addenda: sql<number>`(select count(*) from note_addenda x where x.note_id = ${sessionNotes.id})::int`,
    })
    .from(sessionNotes)
    .innerJoin(author, eq(author.id, sessionNotes.authorId))
    .where(
      and(
        eq(sessionNotes.organisationId, actor.organisationId),
        // The client itself, looked up by id: an index lookup, where "in (every visible client)" read them all.
        sql`exists (select 1 from ${clients} where ${clients.id} = ${clientId}::uuid and ${visibleClients(actor)})`,
        noteOfClient(actor.organisationId, clientId),
        readableNote(actor),
        ...filterConditions(filters),
      ),
    )
    .orderBy(desc(sessionNotes.sessionDate), sql`${sessionNotes.startTime} desc nulls last`, desc(sessionNotes.createdAt), desc(sessionNotes.id))
    .limit(limit + 1)
    .offset(offset);
  return rows.map(({ cosignedAt, startTime, ...r }) => ({ ...r, startTime: startTime?.slice(0, 5) ?? null, cosigned: Boolean(cosignedAt), addenda: Number(r.addenda) }));
}

export interface CosignItem {
  id: string;
  type: NoteType;
  sessionDate: string;
  signedAt: string;
  authorName: string;
  clientName: string | null;
  groupSize: number;
}

/** Signed notes by the people a supervisor supervises that still wait for the co-signature. */
export async function listNotesToCosign(db: Db, actor: Actor): Promise<CosignItem[]> {
  if (actor.role !== "supervisor") return [];
  const author = alias(users, "author");
  const visible = visibleClientIds(actor);
  const rows = await db
    .select({
      id: sessionNotes.id,
      type: sessionNotes.type,
      sessionDate: sessionNotes.sessionDate,
      signedAt: sessionNotes.signedAt,
      authorName: author.name,
      clientName: sql<string | null>`(select coalesce(c.preferred_name, c.name) from clients c where c.id = ${sessionNotes.clientId})`,
      groupSize: sql<number>`(select count(*) from note_group_members m where m.note_id = ${sessionNotes.id})::int`,
    })
    .from(sessionNotes)
    .innerJoin(author, eq(author.id, sessionNotes.authorId))
    .where(
      and(
        eq(sessionNotes.organisationId, actor.organisationId),
        eq(author.supervisorId, actor.userId),
        eq(sessionNotes.status, "signed"),
        eq(sessionNotes.cosignRequired, true),
        isNull(sessionNotes.cosignedAt),
        or(
          sql`${sessionNotes.clientId} in ${visible}`,
          sql`exists (select 1 from note_group_members m where m.note_id = ${sessionNotes.id} and m.client_id in ${visible})`,
        ),
      ),
    )
    .orderBy(asc(sessionNotes.signedAt))
    .limit(200);
  return rows.map((r) => ({ ...r, signedAt: new Date(r.signedAt!).toISOString(), groupSize: Number(r.groupSize) }));
}

export interface ContactOption {
  id: string;
  name: string;
  relationship: Relationship;
}

/** The client's current support network, for choosing who attended a family session. */
export async function listContactOptions(db: Db, actor: Actor, clientId: string): Promise<ContactOption[]> {
  return db
    .select({ id: supportContacts.id, name: supportContacts.name, relationship: supportContacts.relationship })
    .from(supportContacts)
    .where(
      and(
        eq(supportContacts.organisationId, actor.organisationId),
        eq(supportContacts.clientId, clientId),
        isNull(supportContacts.archivedAt),
        sql`${supportContacts.clientId} in ${visibleClientIds(actor)}`,
      ),
    )
    .orderBy(asc(supportContacts.name));
}

export interface ClientOption {
  id: string;
  name: string;
  recordNumber: string;
}

/** Clients the actor may put in a group note: their open clients, plus anyone already in it. */
export async function listGroupCandidates(db: Db, actor: Actor, alreadyIn: string[]): Promise<ClientOption[]> {
  const keep = alreadyIn.filter(isUuid);
  return db
    .select({ id: clients.id, name: sql<string>`coalesce(${clients.preferredName} || ' (' || ${clients.name} || ')', ${clients.name})`, recordNumber: clients.recordNumber })
    .from(clients)
    .where(and(visibleClients(actor), keep.length ? or(ne(clients.status, "discharged"), inArray(clients.id, keep)) : ne(clients.status, "discharged")))
    .orderBy(asc(clients.name))
    .limit(300);
}

/** The name of the actor's supervisor when their signed notes will need a co-signature. */
export async function cosignerNameFor(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== "counselor") return null;
  const supervisor = alias(users, "supervisor");
  const [row] = await db
    .select({ name: supervisor.name })
    .from(users)
    .innerJoin(supervisor, eq(supervisor.id, users.supervisorId))
    .where(and(eq(users.id, actor.userId), eq(users.organisationId, actor.organisationId)));
  return row?.name ?? null;
}
