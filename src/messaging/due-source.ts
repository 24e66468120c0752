import { and, eq, gte, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assignmentPauses, assignments, checkinAdministrations, checkinSchedules, clients, exerciseEntries } from "@/db/schema";
import { messageRecipients } from "@/db/schema/messages";
import { addDays, localDateOf, localTimeInstant, type LocalDate } from "@/lib/local-date";
import { occurrenceDates, type Cadence, type Pause } from "@/scheduling/cadence";
import { dueCheckin } from "@/scheduling/checkin-window";
import { dueOccurrencesBetween } from "@/scheduling/due";
import { compareDue, type DueOccurrence, type DueOccurrenceSource } from "./reminders";

/** Clients who hear from us: not on hold, not discharged. */
const IN_CARE = ["intake", "active"] as const;

/** The recipient row for the person the work is for: the client (no contact) or that support contact. */
const recipientJoin = (table: typeof assignments | typeof checkinSchedules) =>
  and(
    eq(messageRecipients.clientId, table.clientId),
    or(and(isNull(table.contactId), isNull(messageRecipients.contactId)), eq(messageRecipients.contactId, table.contactId)),
  );

interface Person {
  timeZone: string;
  preferredHour: number;
}

/** A margin of days around the window, so an entry or a check-in done early that day still counts. */
const dayMargin = (from: Date) => new Date(from.getTime() - 60 * 86_400_000);

async function assignmentReminders(db: Db, window: { from: Date; to: Date }): Promise<DueOccurrence[]> {
  const rows = await db
    .select({
      id: assignments.id,
      organisationId: assignments.organisationId,
      clientId: assignments.clientId,
      contactId: assignments.contactId,
      cadence: assignments.cadence,
      startDate: assignments.startDate,
      endDate: assignments.endDate,
      endedOn: assignments.endedOn,
      createdBy: assignments.createdBy,
      createdAt: assignments.createdAt,
      timeZone: messageRecipients.timeZone,
      preferredHour: messageRecipients.preferredHour,
    })
    .from(assignments)
    .innerJoin(clients, and(eq(clients.id, assignments.clientId), eq(clients.organisationId, assignments.organisationId)))
    .innerJoin(messageRecipients, recipientJoin(assignments))
    .where(and(eq(assignments.status, "active"), inArray(clients.status, [...IN_CARE]), isNotNull(messageRecipients.email)));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const pauses = await db.select().from(assignmentPauses).where(inArray(assignmentPauses.assignmentId, ids));
  const entries = await db
    .select({ assignmentId: exerciseEntries.assignmentId, submittedAt: exerciseEntries.submittedAt })
    .from(exerciseEntries)
    .where(and(inArray(exerciseEntries.assignmentId, ids), gte(exerciseEntries.submittedAt, dayMargin(window.from))));
  // Grouped once: a filter per row would make the scan quadratic in the organisation's size.
  const pausesOf = groupBy(pauses, (p) => p.assignmentId);
  const entriesOf = groupBy(entries, (e) => e.assignmentId);
  const out: DueOccurrence[] = [];
  for (const r of rows) {
    const schedule = {
      cadence: r.cadence as Cadence,
      startDate: r.startDate,
      endDate: r.endDate,
      endedOn: r.endedOn,
      pauses: (pausesOf.get(r.id) ?? []).map((p): Pause => ({ from: p.fromDate, until: p.untilDate })),
      timeZone: r.timeZone,
    };
    const doneOn = new Set((entriesOf.get(r.id) ?? []).map((e) => localDateOf(e.submittedAt, r.timeZone)));
    for (const due of dueOccurrencesBetween(schedule, window.from, window.to, r.preferredHour * 60)) {
      // Already done that day, before the reminder's hour, or assigned after it (the "something
      // new" sent on assigning said it): nothing to remind of.
      if (doneOn.has(due.date) || due.dueAt < r.createdAt) continue;
      out.push({ organisationId: r.organisationId, clientId: r.clientId, contactId: r.contactId, source: "assignment", sourceId: r.id, dueDate: due.date, reminder: "due", remindAt: due.dueAt, createdBy: r.createdBy });
    }
  }
  return out;
}

async function checkinReminders(db: Db, window: { from: Date; to: Date }): Promise<DueOccurrence[]> {
  const rows = await db
    .select({
      id: checkinSchedules.id,
      organisationId: checkinSchedules.organisationId,
      clientId: checkinSchedules.clientId,
      contactId: checkinSchedules.contactId,
      cadence: checkinSchedules.cadence,
      startDate: checkinSchedules.startDate,
      endDate: checkinSchedules.endDate,
      expiryDays: checkinSchedules.expiryDays,
      createdBy: checkinSchedules.createdBy,
      createdAt: checkinSchedules.createdAt,
      timeZone: messageRecipients.timeZone,
      preferredHour: messageRecipients.preferredHour,
    })
    .from(checkinSchedules)
    .innerJoin(clients, and(eq(clients.id, checkinSchedules.clientId), eq(clients.organisationId, checkinSchedules.organisationId)))
    .innerJoin(messageRecipients, recipientJoin(checkinSchedules))
    .where(and(eq(checkinSchedules.status, "active"), inArray(clients.status, [...IN_CARE]), isNotNull(messageRecipients.email)));
  if (rows.length === 0) return [];
  const done = await db
    .select({ scheduleId: checkinAdministrations.scheduleId, at: checkinAdministrations.administeredAt })
    .from(checkinAdministrations)
    .where(and(inArray(checkinAdministrations.scheduleId, rows.map((r) => r.id)), gte(checkinAdministrations.administeredAt, dayMargin(window.from))));
  const doneOf = groupBy(done, (d) => d.scheduleId);
  const out: DueOccurrence[] = [];
  for (const r of rows) {
    const person: Person = { timeZone: r.timeZone, preferredHour: r.preferredHour };
    const minute = person.preferredHour * 60;
    const windowSchedule = { cadence: r.cadence as Cadence, startDate: r.startDate, endDate: r.endDate, expiryDays: r.expiryDays, status: "active" as const };
    const schedule = { cadence: windowSchedule.cadence, startDate: r.startDate, endDate: r.endDate, endedOn: null, pauses: [], timeZone: person.timeZone };
    const completedOn: LocalDate[] = (doneOf.get(r.id) ?? []).map((d) => localDateOf(d.at, person.timeZone));
    const common = { organisationId: r.organisationId, clientId: r.clientId, contactId: r.contactId, source: "checkin-schedule" as const, sourceId: r.id, createdBy: r.createdBy };
    // "Due": the day it opens, at the person's hour, unless it was already done.
    for (const due of dueOccurrencesBetween(schedule, window.from, window.to, minute)) {
      if (due.dueAt < r.createdAt || dueCheckin(windowSchedule, completedOn, due.date)?.date !== due.date) continue;
      out.push({ ...common, dueDate: due.date, reminder: "due", remindAt: due.dueAt });
    }
    // "About to close": its last open day, at the person's hour, if it is still open and not done.
    // A check-in open for one day only gets the first message alone.
    if (r.expiryDays < 2) continue;
    const lastDays = { from: addDays(localDateOf(window.from, person.timeZone), -1), to: addDays(localDateOf(window.to, person.timeZone), 1) };
    const opened = occurrenceDates(schedule, { from: addDays(lastDays.from, -(r.expiryDays - 1)), to: addDays(lastDays.to, -(r.expiryDays - 1)) });
    for (const date of opened) {
      const closesOn = addDays(date, r.expiryDays - 1);
      const remindAt = localTimeInstant(closesOn, minute, person.timeZone);
      if (remindAt.getTime() < window.from.getTime() || remindAt.getTime() >= window.to.getTime()) continue;
      if (dueCheckin(windowSchedule, completedOn, closesOn)?.date !== date) continue;
      out.push({ ...common, dueDate: date, reminder: "expiring", remindAt });
    }
  }
  return out;
}

/**
 * The reminders of assigned exercises and check-in schedules, from src/scheduling/: active
 * (unpaused, not ended) work of clients in care, for the person it is for (the client or a
 * support contact) when that person has an address on file. Each comes due at the person's
 * preferred hour on their own clock, so a daylight-saving change moves the instant, not the hour.
 */
export const scheduledWorkSource: DueOccurrenceSource = {
  async dueBetween(db, window) {
    return [...(await assignmentReminders(db, window)), ...(await checkinReminders(db, window))].sort(compareDue);
  },
};

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
