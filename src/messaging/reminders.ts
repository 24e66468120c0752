import type { Db } from "@/db/client";
import { messageClients } from "./client-messages";

/**
 * Reminders for due work, written against the shared scheduling module (src/scheduling/, used by
 * ./due-source.ts): this file only needs the answer to "which reminders came due in this window",
 * the same occurrences the due lists and adherence use, so that a reminder and the portal never
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
  /** The occurrence's local due date (YYYY-MM-DD in the person's zone): with sourceId, its identity. */
  dueDate: string;
  /** "due": it became due; "expiring": its window closes at the end of today (check-ins). */
  reminder: "due" | "expiring";
  /** When the reminder comes due: the person's preferred hour, on their clock, of the day it is about. */
  remindAt: Date;
  /** Who created the recurring work (the private link in the message is issued in their name). */
  createdBy: string;
}

export interface DueOccurrenceSource {
  /**
   * Reminders whose `remindAt` is in [from, to) for active, unpaused, not ended work of clients in
   * care, in a stable order (`compareDue`). All at once: finding them reads every active
   * assignment and schedule, so a scan asks once (it used to ask for pages of 5,000, and each
   * page read everything again).
   */
  dueBetween(db: Db, window: { from: Date; to: Date }): Promise<DueOccurrence[]>;
}

/** The stable order of a scan's reminders. */
export function compareDue(a: DueOccurrence, b: DueOccurrence): number {
  return (
    a.remindAt.getTime() - b.remindAt.getTime() ||
    a.source.localeCompare(b.source) ||
    a.sourceId.localeCompare(b.sourceId) ||
    a.dueDate.localeCompare(b.dueDate) ||
    a.reminder.localeCompare(b.reminder)
  );
}

/** The job key that makes each reminder one message, however often and wherever the scan runs. */
export function reminderJobKey(o: Pick<DueOccurrence, "source" | "sourceId" | "dueDate" | "reminder">): string {
  return `${o.reminder === "due" ? "reminder" : "reminder-expiring"}:${o.source}:${o.sourceId}:${o.dueDate}`;
}

/**
 * How far back a scan looks: a reminder missed while no worker ran goes out late within this
 * time, and one older than it is not sent at all (a day-old "due today" helps nobody).
 */
export const REMINDER_LOOKBACK_MS = 12 * 3_600_000;

/**
 * One message per reminder that came due in (now - lookback, now]: "something new" when an
 * occurrence becomes due, "a reminder" before a check-in closes. Job key
 * `reminder:<source>:<id>:<due date>` (`reminder-expiring:…` for the second), so a scan that runs
 * twice, or on two workers, sends nothing twice; consent, quiet hours and the preferred hour are
 * messageClient's to decide. `now` is a parameter: nothing here reads the wall clock.
 */
export async function scanDueReminders(
  db: Db,
  source: DueOccurrenceSource,
  now: Date,
  options: { lookbackMs?: number; perTransaction?: number } = {},
): Promise<{ seen: number; queued: number }> {
  const window = { from: new Date(now.getTime() - (options.lookbackMs ?? REMINDER_LOOKBACK_MS) + 1), to: new Date(now.getTime() + 1) };
  const perTransaction = options.perTransaction ?? REMINDERS_PER_TRANSACTION;
  const due = await source.dueBetween(db, window);
  let queued = 0;
  // A group of reminders per transaction, written set-wise (messageClients: the same dozen
  // statements for a group of any size). The job keys' locks are taken in one fixed order, so
  // two scans at once wait for each other and never deadlock; a failure rolls back its group
  // alone, and the next scan makes those reminders again (their job keys keep each to one message).
  for (let i = 0; i < due.length; i += perTransaction) {
    const group = due.slice(i, i + perTransaction);
    queued += await db.transaction(async (tx) => {
      const results = await messageClients(
        tx,
        group.map((o) => ({
          organisationId: o.organisationId,
          clientId: o.clientId,
          contactId: o.contactId,
          kind: o.reminder === "due" ? ("something_new" as const) : ("reminder_expiring" as const),
          jobKey: reminderJobKey(o),
          actor: { kind: "system" as const },
          linkCreatedBy: o.createdBy,
          now,
        })),
      );
      return results.filter((result) => result?.created && result.state !== "suppressed").length;
    });
  }
  return { seen: due.length, queued };
}

/**
 * Reminders written per transaction by a scan: large enough that the statements' fixed cost is
 * shared, small enough that a transaction holds its locks for a fraction of a second.
 */
export const REMINDERS_PER_TRANSACTION = 500;
