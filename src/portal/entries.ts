import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assignments, clients, exerciseEntries } from "@/db/schema";
import { findExercise, type LibraryExercise } from "@/exercises/library";
import { validateAnswers } from "@/exercises/schemas";
import { ActionRefused, NotFoundError } from "@/lib/errors";
import type { PortalActionSpec, PortalHandler } from "@/lib/portal-action-core";
import { submitEntrySchema } from "./schemas";
import type { PortalHolder } from "./session";
import { translator } from "@/i18n/translate";

type Target = { assignmentId: string; exercise: LibraryExercise };

/** The holder's own active assignment: a client never reaches a family member's, nor the reverse. */
async function loadOwnAssignment(db: Db, holder: PortalHolder, input: { assignmentId: string }): Promise<Target | null> {
  const [row] = await db
    .select({ id: assignments.id, exerciseId: assignments.exerciseId })
    .from(assignments)
    .where(
      and(
        eq(assignments.id, input.assignmentId),
        eq(assignments.organisationId, holder.organisationId),
        eq(assignments.clientId, holder.clientId),
        holder.contactId ? eq(assignments.contactId, holder.contactId) : isNull(assignments.contactId),
        eq(assignments.status, "active"),
      ),
    );
  if (!row) return null;
  const exercise = await findExercise(db, holder.organisationId, row.exerciseId);
  return exercise ? { assignmentId: row.id, exercise } : null;
}

export type SubmitResult = { entryId: string | null; duplicate: boolean };

export const submitEntrySpec: PortalActionSpec<typeof submitEntrySchema, Target, SubmitResult> = {
  name: "portal.entry_submit",
  schema: submitEntrySchema,
  load: loadOwnAssignment,
  audit: ({ holder, record, result }) => ({
    action: result.duplicate ? "portal.entry_resubmit" : "portal.entry_submit",
    entityType: "exercise_entry",
    entityId: result.entryId,
    clientId: holder.clientId,
    detail: { assignmentId: record.assignmentId, byFamilyMember: holder.contactId !== null },
  }),
};

/** Saves an entry once per idempotency key: a double tap or a retry returns the first save. */
export const submitEntry: PortalHandler<typeof submitEntrySchema, Target, SubmitResult> = async ({ db, holder, input, record }) => {
  const checked = validateAnswers(record.exercise, input.answers);
  if (!checked.ok) {
    throw new ActionRefused(checked.formErrors[0] ?? translator("en", "portal.errors")("secondLook"), checked.fieldErrors);
  }
  const roleValue = (role: string) => {
    const field = record.exercise.fields.find((f) => "role" in f && f.role === role);
    const v = field ? checked.answers[field.id] : undefined;
    return typeof v === "number" ? v : null;
  };
  const inserted = await db
    .insert(exerciseEntries)
    .values({
      organisationId: holder.organisationId,
      clientId: holder.clientId,
      contactId: holder.contactId,
      assignmentId: record.assignmentId,
      exerciseId: record.exercise.id,
      exerciseVersion: record.exercise.version,
      answers: checked.answers,
      intensityBefore: roleValue("intensity_before"),
      intensityAfter: roleValue("intensity_after"),
      idempotencyKey: input.idempotencyKey,
    })
    .onConflictDoNothing()
    .returning({ id: exerciseEntries.id });
  if (!inserted.length) {
    // Only this link holder's own repeat is "already saved"; a key replayed by anyone else answers as not found.
    const [prior] = await db
      .select({ assignmentId: exerciseEntries.assignmentId, clientId: exerciseEntries.clientId, contactId: exerciseEntries.contactId })
      .from(exerciseEntries)
      .where(and(eq(exerciseEntries.organisationId, holder.organisationId), eq(exerciseEntries.idempotencyKey, input.idempotencyKey)));
    if (!prior || prior.assignmentId !== record.assignmentId || prior.clientId !== holder.clientId || prior.contactId !== holder.contactId) throw new NotFoundError();
    return { entryId: null, duplicate: true };
  }
  await db.update(clients).set({ lastContactAt: sql`now()` }).where(eq(clients.id, holder.clientId));
  return { entryId: inserted[0]!.id, duplicate: false };
};
