import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assignmentPauses, assignments, exerciseEntries } from "@/db/schema";
import { classifyOccurrences } from "@/scheduling/cadence";
import { exerciseTranslations, localizeExercise } from "@/content/exercise-translations";
import { loadBundledExercises } from "@/content/exercises";
import { listLibrary, type LibraryExercise } from "@/exercises/library";
import type { PortalHolder } from "./session";

export interface PortalTask {
  assignmentId: string;
  exercise: LibraryExercise;
  instructions: string | null;
  state: "due" | "overdue" | "done_today" | "upcoming";
}

/** What the link's holder has to do, and what they have done: only their own. */
export async function portalHome(db: Db, holder: PortalHolder, now = new Date()) {
  const own = and(
    eq(assignments.organisationId, holder.organisationId),
    eq(assignments.clientId, holder.clientId),
    holder.contactId ? eq(assignments.contactId, holder.contactId) : isNull(assignments.contactId),
  );
  const rows = await db.select().from(assignments).where(and(own, eq(assignments.status, "active")));
  const ids = rows.map((r) => r.id);
  const [pauses, entries, library] = await Promise.all([
    ids.length ? db.select().from(assignmentPauses).where(inArray(assignmentPauses.assignmentId, ids)) : [],
    db
      .select({ id: exerciseEntries.id, assignmentId: exerciseEntries.assignmentId, exerciseId: exerciseEntries.exerciseId, submittedAt: exerciseEntries.submittedAt })
      .from(exerciseEntries)
      .where(
        and(
          eq(exerciseEntries.organisationId, holder.organisationId),
          eq(exerciseEntries.clientId, holder.clientId),
          holder.contactId ? eq(exerciseEntries.contactId, holder.contactId) : isNull(exerciseEntries.contactId),
        ),
      )
      .orderBy(desc(exerciseEntries.submittedAt))
      .limit(200),
    listLibrary(db, holder.organisationId),
  ]);
  // Bundled exercises in the holder's language where a translation file exists; an
  // organisation's own exercises are shown as written.
  const translations = await exerciseTranslations(holder.language, await loadBundledExercises());
  const byId = new Map(library.map((e) => [e.id, e.source === "bundled" ? localizeExercise(e, translations.get(e.id)) : e]));
  const tasks: PortalTask[] = [];
  for (const a of rows) {
    const exercise = byId.get(a.exerciseId);
    if (!exercise) continue;
    const occurrences = classifyOccurrences(
      {
        cadence: a.cadence,
        startDate: a.startDate,
        endDate: a.endDate,
        endedOn: a.endedOn,
        pauses: pauses.filter((p) => p.assignmentId === a.id).map((p) => ({ from: p.fromDate, until: p.untilDate })),
        timeZone: holder.timeZone,
      },
      entries.filter((e) => e.assignmentId === a.id).map((e) => new Date(e.submittedAt)),
      now,
    );
    const last = occurrences.at(-1);
    const state: PortalTask["state"] = !last
      ? "upcoming"
      : last.status === "due"
        ? "due"
        : last.status === "missed"
          ? "overdue"
          : "done_today";
    tasks.push({ assignmentId: a.id, exercise, instructions: a.instructions, state });
  }
  const order = { overdue: 0, due: 1, done_today: 2, upcoming: 3 } as const;
  tasks.sort((x, y) => order[x.state] - order[y.state]);
  const history = entries.map((e) => ({ id: e.id, title: byId.get(e.exerciseId)?.title ?? "Exercise", submittedAt: new Date(e.submittedAt).toISOString() }));
  return { tasks, history };
}
