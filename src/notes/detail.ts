import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { sessionNotes, users, type NoteType, type Relationship } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { noteOfClient, readableNote } from "./access";
import { visibleClientIds } from "./queries";
import type { Attendance, EngagementLevel, FamilyTopic } from "./schemas";

export interface NoteDetail {
  id: string;
  type: NoteType;
  status: "draft" | "signed";
  sessionDate: string;
  startTime: string | null;
  durationMinutes: number | null;
  attendance: Attendance;
  data: string;
  assessment: string;
  plan: string;
  topics: FamilyTopic[];
  topicsOther: string | null;
  authorId: string;
  authorName: string;
  authorSupervisorId: string | null;
  signedAt: string | null;
  cosignRequired: boolean;
  cosignedAt: string | null;
  cosignedByName: string | null;
  attendees: { contactId: string; name: string; relationship: Relationship; engagement: EngagementLevel | null }[];
  groupSize: number;
  /** Group members' individual parts: only those the access allows (see NoteAccess). */
  parts: { clientId: string; name: string; individualPart: string }[];
  addenda: { id: string; authorName: string; text: string; signedAt: string }[];
  /** A client through whose record the note is reached, for links and actions. */
  client: { id: string; name: string; preferredName: string | null; timeZone: string } | null;
}

/**
 * How a note is reached. Through a client's record: anyone who may see that client reads the
 * note (a draft only its author), and of a group note only that client's own part. As the
 * person responsible (the author, or the author's supervisor who co-signs): the whole note, with
 * the parts of every attendee the actor may see.
 */
export type NoteAccess = { via: "client"; clientId: string } | { via: "responsible" };

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

export async function getNoteDetail(db: Db, actor: Actor, noteId: string, access: NoteAccess): Promise<NoteDetail | null> {
  if (!isUuid(noteId) || (access.via === "client" && !isUuid(access.clientId))) return null;
  const org = actor.organisationId;
  const visible = visibleClientIds(actor);
  const author = alias(users, "author");
  const cosigner = alias(users, "cosigner");
  const n = sessionNotes;
  const reach: SQL =
    access.via === "client"
      ? and(sql`${access.clientId}::uuid in ${visible}`, noteOfClient(org, access.clientId))!
      : and(
          or(eq(n.authorId, actor.userId), eq(author.supervisorId, actor.userId)),
          or(sql`${n.clientId} in ${visible}`, sql`exists (select 1 from note_group_members m where m.note_id = ${n.id} and m.client_id in ${visible})`),
        )!;
  const partsOf = access.via === "client" ? sql`m.client_id = ${access.clientId}::uuid` : sql`m.client_id in ${visible}`;
  const routeClient = access.via === "client" ? sql`${access.clientId}::uuid` : sql`coalesce(${n.clientId}, (select m.client_id from note_group_members m where m.note_id = ${n.id} and m.client_id in ${visible} order by m.client_id limit 1))`;
  const [row] = await db
    .select({
      id: n.id,
      type: n.type,
      status: n.status,
      sessionDate: n.sessionDate,
      startTime: n.startTime,
      durationMinutes: n.durationMinutes,
      attendance: n.attendance,
      data: n.data,
      assessment: n.assessment,
      plan: n.plan,
      topics: n.topics,
      topicsOther: n.topicsOther,
      authorId: n.authorId,
      authorName: author.name,
      authorSupervisorId: author.supervisorId,
      signedAt: n.signedAt,
      cosignRequired: n.cosignRequired,
      cosignedAt: n.cosignedAt,
      cosignedByName: cosigner.name,
      attendees: sql<NoteDetail["attendees"] | null>`(select json_agg(json_build_object('contactId', a.contact_id, 'name', c.name, 'relationship', c.relationship, 'engagement', a.engagement) order by c.name)
        from note_family_attendees a join support_contacts c on c.id = a.contact_id where a.note_id = ${n.id})`,
      groupSize: sql<number>`(select count(*) from note_group_members m where m.note_id = ${n.id})::int`,
      parts: sql<NoteDetail["parts"] | null>`(select json_agg(json_build_object('clientId', m.client_id, 'name', coalesce(c.preferred_name, c.name), 'individualPart', m.individual_part) order by c.name)
        from note_group_members m join clients c on c.id = m.client_id where m.note_id = ${n.id} and ${partsOf})`,
      addenda: sql<NoteDetail["addenda"] | null>`(select json_agg(json_build_object('id', x.id, 'authorName', u.name, 'text', x.text, 'signedAt', x.signed_at) order by x.signed_at, x.id)
        from note_addenda x join users u on u.id = x.author_id where x.note_id = ${n.id})`,
      client: sql<NoteDetail["client"]>`(select json_build_object('id', c.id, 'name', c.name, 'preferredName', c.preferred_name, 'timeZone', c.time_zone)
        from clients c where c.id = ${routeClient})`,
    })
    .from(n)
    .innerJoin(author, eq(author.id, n.authorId))
    .leftJoin(cosigner, eq(cosigner.id, n.cosignedBy))
    .where(and(eq(n.id, noteId), eq(n.organisationId, org), readableNote(actor), reach))
    .limit(1);
  if (!row) return null;
  return {
    ...row,
    startTime: row.startTime?.slice(0, 5) ?? null,
    signedAt: iso(row.signedAt),
    cosignedAt: iso(row.cosignedAt),
    groupSize: Number(row.groupSize),
    attendees: row.attendees ?? [],
    parts: row.type === "group" ? (row.parts ?? []) : [],
    addenda: (row.addenda ?? []).map((a) => ({ ...a, signedAt: iso(a.signedAt)! })),
  };
}
