import { and, eq, isNull, sql } from "drizzle-orm";
import { findVisibleClientId, loadClient, type ClientRef } from "@/clients/access";
import type { Db } from "@/db/client";
import { assignmentPauses, assignments, entryComments, exerciseEntries, supportContacts } from "@/db/schema";
import { findExercise } from "@/exercises/library";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused, ConflictError } from "@/lib/errors";
import { todayIn } from "@/lib/zod-fields";
import { formatDay } from "@/checkins/format";
import { toCadence } from "@/scheduling/schema";
import { assignmentChangeSchema, commentSchema, createAssignmentSchema } from "./schemas";
import { messageClient } from "@/messaging/client-messages";
import { staffText } from "@/i18n/staff";

const av = staffText("assignmentValidation");

const clinical = ["counselor", "supervisor"] as const;

export const createAssignmentSpec: ActionSpec<typeof createAssignmentSchema, ClientRef, { id: string }> = {
  name: "assignment.create",
  schema: createAssignmentSchema,
  roles: clinical,
  load: loadClient,
  audit: ({ record, result, input }) => ({
    action: "assignment.create",
    entityType: "assignment",
    entityId: result.id,
    clientId: record.clientId,
    detail: { exerciseId: input.exerciseId, cadence: input.cadence, forFamily: input.assignee !== "client" },
  }),
};

export const createAssignment: Handler<typeof createAssignmentSchema, ClientRef, { id: string }> = async ({ db, actor, input, record }) => {
  const exercise = await findExercise(db, actor.organisationId, input.exerciseId);
  if (!exercise) throw new ActionRefused(av("chooseExercise"), { exerciseId: [av("chooseExercise")] });
  let contactId: string | null = null;
  if (input.assignee !== "client") {
    const [contact] = await db
      .select({ id: supportContacts.id })
      .from(supportContacts)
      .where(and(eq(supportContacts.id, input.assignee), eq(supportContacts.clientId, record.clientId), isNull(supportContacts.archivedAt)));
    if (!contact) throw new ActionRefused(av("chooseFromNetwork"), { assignee: [av("chooseFromNetwork")] });
    contactId = contact.id;
  }
  if ((exercise.audience === "family") !== (contactId !== null)) {
    const message = exercise.audience === "family" ? av("forFamily") : av("forClient");
    throw new ActionRefused(message, { assignee: [message] });
  }
  // The same exercise already active for the same person is usually a slip (a second click, a
  // forgotten earlier assignment): say so and ask before adding another.
  if (input.confirmDuplicate !== "yes") {
    const [active] = await db
      .select({ startDate: assignments.startDate })
      .from(assignments)
      .where(
        and(
          eq(assignments.organisationId, actor.organisationId),
          eq(assignments.clientId, record.clientId),
          eq(assignments.exerciseId, exercise.id),
          contactId === null ? isNull(assignments.contactId) : eq(assignments.contactId, contactId),
          eq(assignments.status, "active"),
          sql`(${assignments.endDate} is null or ${assignments.endDate} >= ${todayIn(record.timeZone)}::date)`,
        ),
      )
      .orderBy(assignments.startDate)
      .limit(1);
    if (active) {
      const message = av("alreadyActive", { exercise: exercise.title, who: contactId === null ? "client" : "contact", since: formatDay(active.startDate) });
      throw new ActionRefused(message, { confirmDuplicate: [message] });
    }
  }
  const cadence = toCadence(input);
  const [row] = await db
    .insert(assignments)
    .values({
      organisationId: actor.organisationId,
      clientId: record.clientId,
      contactId,
      exerciseId: exercise.id,
      exerciseVersion: exercise.version,
      cadence,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      instructions: input.instructions ?? null,
      createdBy: actor.userId,
    })
    .returning({ id: assignments.id });
  // "Something new" to the person it is for, if they have an address and consent (never its name).
  await messageClient(db, {
    organisationId: actor.organisationId,
    clientId: record.clientId,
    contactId,
    kind: "something_new",
    jobKey: `assigned:${row!.id}`,
    actor: { kind: "user", userId: actor.userId },
    linkCreatedBy: actor.userId,
  });
  return { id: row!.id };
};

type AssignmentRef = { clientId: string; assignmentId: string; status: "active" | "paused" | "ended"; timeZone: string };

export const changeAssignmentSpec: ActionSpec<typeof assignmentChangeSchema, AssignmentRef, void> = {
  name: "assignment.change",
  schema: assignmentChangeSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const client = await loadClient(db, actor, input);
    if (!client) return null;
    const [row] = await db
      .select({ id: assignments.id, status: assignments.status })
      .from(assignments)
      .where(and(eq(assignments.id, input.assignmentId), eq(assignments.clientId, client.clientId), eq(assignments.organisationId, actor.organisationId)));
    return row ? { clientId: client.clientId, assignmentId: row.id, status: row.status, timeZone: client.timeZone } : null;
  },
  audit: ({ record, input }) => ({ action: `assignment.${input.change}`, entityType: "assignment", entityId: record.assignmentId, clientId: record.clientId }),
};

/** Pause, resume or end, counted in the client's own day. */
export const changeAssignment: Handler<typeof assignmentChangeSchema, AssignmentRef, void> = async ({ db, actor, input, record }) => {
  const today = todayIn(record.timeZone);
  const allowed = { pause: record.status === "active", resume: record.status === "paused", end: record.status !== "ended" }[input.change];
  if (!allowed) throw new ActionRefused(av("cannotChange", { status: record.status, change: input.change }));
  const status = input.change === "pause" ? "paused" : input.change === "resume" ? "active" : "ended";
  const updated = await db
    .update(assignments)
    .set({ status, endedOn: status === "ended" ? today : null, version: sql`${assignments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(assignments.id, record.assignmentId), eq(assignments.version, input.version)))
    .returning({ id: assignments.id });
  if (!updated.length) throw new ConflictError(av("assignmentChanged"));
  if (input.change === "pause") {
    await db.insert(assignmentPauses).values({ organisationId: actor.organisationId, assignmentId: record.assignmentId, fromDate: today });
  } else {
    await db
      .update(assignmentPauses)
      .set({ untilDate: today })
      .where(and(eq(assignmentPauses.assignmentId, record.assignmentId), isNull(assignmentPauses.untilDate)));
  }
};

type EntryRef = { clientId: string; entryId: string };

export const commentSpec: ActionSpec<typeof commentSchema, EntryRef, { id: string }> = {
  name: "entry.comment",
  schema: commentSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    if (!clientId) return null;
    const [row] = await db
      .select({ id: exerciseEntries.id })
      .from(exerciseEntries)
      .where(and(eq(exerciseEntries.id, input.entryId), eq(exerciseEntries.clientId, clientId), eq(exerciseEntries.organisationId, actor.organisationId)));
    return row ? { clientId, entryId: row.id } : null;
  },
  audit: ({ record, result }) => ({ action: "entry.comment", entityType: "entry_comment", entityId: result.id, clientId: record.clientId }),
};

export const addComment: Handler<typeof commentSchema, EntryRef, { id: string }> = async ({ db, actor, input, record }) => {
  const [row] = await db
    .insert(entryComments)
    .values({ organisationId: actor.organisationId, entryId: record.entryId, authorId: actor.userId, text: input.text })
    .returning({ id: entryComments.id });
  return { id: row!.id };
};

/**
 * Marks an entry read the first time its counselor opens it (a write of its own, never part of
 * reading the entry). The caller has found the entry for this actor and client with getEntry.
 */
export async function markEntryRead(db: Db, entry: { id: string; readAt: Date | string | null }): Promise<void> {
  if (entry.readAt) return;
  await db.update(exerciseEntries).set({ readAt: new Date() }).where(and(eq(exerciseEntries.id, entry.id), isNull(exerciseEntries.readAt)));
}
