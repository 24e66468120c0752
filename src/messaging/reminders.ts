import type { Db } from "@/db/client";
import { messageClient } from "./client-messages";

/**
 * Reminders for due work, written against the shared scheduling module (src/scheduling/, being
 * built apart): this file only needs it to answer "which occurrences became due in this window",
 * the same answer the due lists and adherence use, so that a reminder and the portal never
 * disagree about what is due. Nothing here computes a cadence.
 */
export interface DueOccurrence {
  organisationId: string;
  clientId: string;
  /** The support contact it is for, or null for the client. */
  contactId: string | null;
  /** "assignment" or "checkin-schedule" and that record's id: the thing that recurs. */
  source: "assignment" | "checkin-schedule";
  sourceId: string;
  /** The occurrence's local due date (YYYY-MM-DD in the client's zone): with sourceId, its identity. */
  dueDate: string;
  /** Who created the recurring work (the private link in the message is issued in their name). */
  createdBy: string;
}

export interface DueOccurrenceSource {
  /**
   * Occurrences due on a local date in [fromDate, toDate] for active, unpaused work of active
   * clients, in a stable order, at most `limit`, after `cursor` (the last one returned).
   */
  dueBetween(db: Db, window: { fromDate: string; toDate: string }, page: { limit: number; cursor: DueOccurrence | null }): Promise<DueOccurrence[]>;
}

/**
 * One "something new" message per occurrence (job key `reminder:<source>:<id>:<due date>`, so a
 * scan that runs twice, or on two workers, sends nothing twice), each with consent, outside quiet
 * hours, at the person's preferred hour: messageClient decides all three.
 */
export async function scanDueReminders(db: Db, source: DueOccurrenceSource, window: { fromDate: string; toDate: string }, now = new Date(), pageSize = 500): Promise<{ seen: number; queued: number }> {
  let cursor: DueOccurrence | null = null;
  let seen = 0;
  let queued = 0;
  for (;;) {
    const page = await source.dueBetween(db, window, { limit: pageSize, cursor });
    for (const o of page) {
      seen++;
      const result = await db.transaction((tx) =>
        messageClient(tx, {
          organisationId: o.organisationId,
          clientId: o.clientId,
          contactId: o.contactId,
          kind: "something_new",
          jobKey: `reminder:${o.source}:${o.sourceId}:${o.dueDate}`,
          actor: { kind: "system" },
          linkCreatedBy: o.createdBy,
          now,
        }),
      );
      if (result?.created && result.state !== "suppressed") queued++;
    }
    if (page.length < pageSize) return { seen, queued };
    cursor = page[page.length - 1]!;
  }
}
