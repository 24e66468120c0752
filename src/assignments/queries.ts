import "server-only";
import { BY_CLIENT } from "@/checkins/catalog";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { assignmentPauses, assignments, entryComments, exerciseEntries, supportContacts, users } from "@/db/schema";
import { listLibrary, type LibraryExercise } from "@/exercises/library";
import { adherence, classifyOccurrences, missedInARow, type Adherence, type Cadence, type OccurrenceRow } from "@/scheduling/cadence";
import { isUuid } from "@/lib/ids";

export interface AssignmentView {
  id: string;
  exerciseId: string;
  exerciseTitle: string;
  assignee: string;
  forFamily: boolean;
  cadence: Cadence;
  startDate: string;
  endDate: string | null;
  instructions: string | null;
  status: "active" | "paused" | "ended";
  version: number;
  adherence: Adherence;
  missedInARow: number;
  dueToday: boolean;
}

/**
 * A client's assignments with adherence so far, computed from the schedule and the times of
 * the entries in the client's own time zone. Three queries whatever the number of assignments.
 * The caller has checked that the actor may see the client.
 */
export async function listAssignments(db: Db, actor: Pick<Actor, "organisationId">, clientId: string, timeZone: string, now = new Date()) {
  const rows = await db
    .select({
      id: assignments.id,
      exerciseId: assignments.exerciseId,
      contactId: assignments.contactId,
      contactName: supportContacts.name,
      cadence: assignments.cadence,
      startDate: assignments.startDate,
      endDate: assignments.endDate,
      endedOn: assignments.endedOn,
      instructions: assignments.instructions,
      status: assignments.status,
      version: assignments.version,
    })
    .from(assignments)
    .leftJoin(supportContacts, eq(supportContacts.id, assignments.contactId))
    .where(and(eq(assignments.organisationId, actor.organisationId), eq(assignments.clientId, clientId)))
    .orderBy(asc(assignments.status), desc(assignments.startDate));
  const ids = rows.map((r) => r.id);
  const [pauses, completions, library] = await Promise.all([
    ids.length ? db.select().from(assignmentPauses).where(inArray(assignmentPauses.assignmentId, ids)) : [],
    ids.length
      ? db
          .select({ assignmentId: exerciseEntries.assignmentId, at: exerciseEntries.submittedAt })
          .from(exerciseEntries)
          .where(and(eq(exerciseEntries.organisationId, actor.organisationId), inArray(exerciseEntries.assignmentId, ids)))
      : [],
    listLibrary(db, actor.organisationId),
  ]);
  const titles = new Map(library.map((e: LibraryExercise) => [e.id, e.title]));
  return rows.map((r): AssignmentView & { occurrences: OccurrenceRow[] } => {
    const occurrences = classifyOccurrences(
      {
        cadence: r.cadence,
        startDate: r.startDate,
        endDate: r.endDate,
        endedOn: r.endedOn,
        pauses: pauses.filter((p) => p.assignmentId === r.id).map((p) => ({ from: p.fromDate, until: p.untilDate })),
        timeZone,
      },
      completions.filter((c) => c.assignmentId === r.id).map((c) => new Date(c.at)),
      now,
    );
    return {
      id: r.id,
      exerciseId: r.exerciseId,
      exerciseTitle: titles.get(r.exerciseId) ?? r.exerciseId,
      assignee: r.contactName ?? BY_CLIENT,
      forFamily: r.contactId !== null,
      cadence: r.cadence,
      startDate: r.startDate,
      endDate: r.endDate,
      instructions: r.instructions,
      status: r.status,
      version: r.version,
      adherence: adherence(occurrences),
      missedInARow: missedInARow(occurrences),
      dueToday: r.status === "active" && occurrences.some((o) => o.status === "due"),
      occurrences,
    };
  });
}

export interface EntrySummary {
  id: string;
  exerciseTitle: string;
  byName: string;
  submittedAt: string;
  readAt: string | null;
  comments: number;
  intensityBefore: number | null;
  intensityAfter: number | null;
}

export const ENTRIES_PAGE_SIZE = 20;

export interface EntriesPage {
  entries: EntrySummary[];
  /** 1-based; past the last page it is the last page. */
  page: number;
  pageCount: number;
  total: number;
}

/**
 * One page of a client's entries, newest first, cut in SQL (a client in the large data set has
 * hundreds). The count comes from the same index as the page.
 */
export async function listEntriesPage(db: Db, actor: Actor, clientId: string, page: number, pageSize = ENTRIES_PAGE_SIZE): Promise<EntriesPage> {
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(exerciseEntries)
    .where(and(eq(exerciseEntries.organisationId, actor.organisationId), eq(exerciseEntries.clientId, clientId)));
  const total = Number(counted?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const entries = total === 0 ? [] : await listEntries(db, actor, clientId, pageSize, (current - 1) * pageSize);
  return { entries, page: current, pageCount, total };
}

export async function listEntries(db: Db, actor: Actor, clientId: string, limit = 50, offset = 0): Promise<EntrySummary[]> {
  const [rows, library] = await Promise.all([
    db
      .select({
        id: exerciseEntries.id,
        exerciseId: exerciseEntries.exerciseId,
        contactName: supportContacts.name,
        submittedAt: exerciseEntries.submittedAt,
        readAt: exerciseEntries.readAt,
        intensityBefore: exerciseEntries.intensityBefore,
        intensityAfter: exerciseEntries.intensityAfter,
        comments: sql<number>`(select count(*)::int from entry_comments c where c.entry_id = ${exerciseEntries.id})`,
      })
      .from(exerciseEntries)
      .leftJoin(supportContacts, eq(supportContacts.id, exerciseEntries.contactId))
      .where(and(eq(exerciseEntries.organisationId, actor.organisationId), eq(exerciseEntries.clientId, clientId)))
      .orderBy(desc(exerciseEntries.submittedAt), desc(exerciseEntries.id))
      .limit(limit)
      .offset(offset),
    listLibrary(db, actor.organisationId),
  ]);
  const titles = new Map(library.map((e) => [e.id, e.title]));
  return rows.map((r) => ({
    id: r.id,
    exerciseTitle: titles.get(r.exerciseId) ?? r.exerciseId,
    byName: r.contactName ?? BY_CLIENT,
    submittedAt: new Date(r.submittedAt).toISOString(),
    readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
    comments: Number(r.comments),
    intensityBefore: r.intensityBefore,
    intensityAfter: r.intensityAfter,
  }));
}

/** One entry with its answers and comments. Null when not this client's. Reads only: see markEntryRead. */
export async function getEntry(db: Db, actor: Actor, clientId: string, entryId: string) {
  if (!isUuid(entryId)) return null;
  const [entry] = await db
    .select({
      id: exerciseEntries.id,
      exerciseId: exerciseEntries.exerciseId,
      answers: exerciseEntries.answers,
      submittedAt: exerciseEntries.submittedAt,
      readAt: exerciseEntries.readAt,
      contactName: supportContacts.name,
    })
    .from(exerciseEntries)
    .leftJoin(supportContacts, eq(supportContacts.id, exerciseEntries.contactId))
    .where(and(eq(exerciseEntries.id, entryId), eq(exerciseEntries.clientId, clientId), eq(exerciseEntries.organisationId, actor.organisationId)));
  if (!entry) return null;
  const comments = await db
    .select({ id: entryComments.id, text: entryComments.text, createdAt: entryComments.createdAt, author: users.name })
    .from(entryComments)
    .innerJoin(users, eq(users.id, entryComments.authorId))
    .where(eq(entryComments.entryId, entry.id))
    .orderBy(asc(entryComments.createdAt));
  const exercise = (await listLibrary(db, actor.organisationId)).find((e) => e.id === entry.exerciseId) ?? null;
  return {
    ...entry,
    submittedAt: new Date(entry.submittedAt).toISOString(),
    byName: entry.contactName ?? "Client",
    exercise,
    comments: comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt).toISOString() })),
  };
}
