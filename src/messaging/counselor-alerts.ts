import { and, eq, gte, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assignmentPauses, assignments, checkinAdministrations, checkinSchedules, clients, exerciseEntries, users } from "@/db/schema";
import { counselorAlertPreferences } from "@/db/schema/messages";
import { addDays, localDateOf } from "@/lib/local-date";
import { classifyOccurrences, missedInARow, type Cadence, type OccurrenceRow, type Pause, type ZonedSchedule } from "@/scheduling/cadence";
import { appBaseUrl } from "./config";
import { enqueueMessage, type EnqueueInput } from "./enqueue";
import { initialsOf, renderMessage } from "./templates";

/** The alerts a counselor may switch off on their profile; a critical answer is not among them. */
export type OptionalAlert = "deterioration" | "missedInARow" | "notOnTrack";
/** A counselor's choices: the optional alerts (on by default) and the weekly summary (off by default). */
export type EmailChoices = Record<OptionalAlert | "weeklySummary", boolean>;

/** "N due items missed in a row": the N. */
export const MISSED_ALERT_AFTER = 2;

/** How far back the missed-in-a-row count looks (as the caseload's recent practice does). */
const MISSED_WINDOW_DAYS = 56;

export async function alertPreferences(db: Db, userId: string): Promise<EmailChoices> {
  const [row] = await db
    .select({ deterioration: counselorAlertPreferences.deterioration, missedInARow: counselorAlertPreferences.missedInARow, notOnTrack: counselorAlertPreferences.notOnTrack, weeklySummary: counselorAlertPreferences.weeklySummary })
    .from(counselorAlertPreferences)
    .where(eq(counselorAlertPreferences.userId, userId))
    .limit(1);
  return row ?? { deterioration: true, missedInARow: true, notOnTrack: true, weeklySummary: false };
}

const alertKinds = { deterioration: "deterioration_alert", missedInARow: "missed_alert", notOnTrack: "not_on_track_alert" } as const;

/** A client's name and their primary counselor's id, address and status, within the organisation. */
export async function primaryCounselorOf(db: Db, organisationId: string, clientId: string) {
  const [row] = await db
    .select({ name: clients.name, counselorId: users.id, email: users.email, status: users.status })
    .from(clients)
    .innerJoin(users, eq(users.id, clients.primaryCounselorId))
    .where(and(eq(clients.id, clientId), eq(clients.organisationId, organisationId)))
    .limit(1);
  return row;
}

/**
 * An optional alert to the client's primary counselor, if they want it: the client's initials
 * and a link that needs signing in, nothing else. The job key names the thing, so it goes once.
 */
export async function alertCounselor(
  db: Db,
  args: { organisationId: string; clientId: string; alert: OptionalAlert; jobKey: string; path: string; auditDetail?: EnqueueInput["auditDetail"] },
): Promise<"queued" | "exists" | "off" | "no counselor"> {
  const row = await primaryCounselorOf(db, args.organisationId, args.clientId);
  if (!row || row.status !== "active") return "no counselor";
  if (!(await alertPreferences(db, row.counselorId))[args.alert]) return "off";
  const kind = alertKinds[args.alert];
  const result = await enqueueMessage(db, {
    organisationId: args.organisationId,
    jobKey: args.jobKey,
    kind,
    to: row.email,
    userId: row.counselorId,
    clientId: args.clientId,
    content: renderMessage(kind, { initials: initialsOf(row.name), link: `${appBaseUrl()}${args.path}` }),
    actor: { kind: "system" },
    auditDetail: args.auditDetail,
  });
  return result.created ? "queued" : "exists";
}

/** The first missed occurrence of the run `missedInARow` counts (same order as it uses), or null. */
function runStart(rows: readonly OccurrenceRow[]): string | null {
  const run = missedInARow(rows);
  if (run === 0) return null;
  const rank = (r: OccurrenceRow): number => (r.status === "missed" ? 0 : 1);
  const closed = rows.filter((r) => r.status !== "due").sort((a, b) => (a.date === b.date ? rank(a) - rank(b) : a.date < b.date ? -1 : 1));
  return closed[closed.length - run]?.date ?? null;
}

/**
 * "N due items missed in a row": for each client in care, the client's own exercises and
 * check-ins classified with the shared cadence rules over the last eight weeks; a run of at least
 * MISSED_ALERT_AFTER misses tells the primary counselor once per run (job key
 * `missed:<client>:<first missed day of the run>`). `now` is a parameter, never the wall clock.
 */
export async function scanMissedAlerts(db: Db, now: Date, threshold = MISSED_ALERT_AFTER): Promise<{ alerted: number }> {
  const since = new Date(now.getTime() - MISSED_WINDOW_DAYS * 86_400_000);
  const inCare = await db
    .select({ id: clients.id, organisationId: clients.organisationId, timeZone: clients.timeZone })
    .from(clients)
    .where(inArray(clients.status, ["intake", "active"]));
  if (inCare.length === 0) return { alerted: 0 };
  const ids = inCare.map((c) => c.id);
  const [work, schedules] = await Promise.all([
    db
      .select({ id: assignments.id, clientId: assignments.clientId, cadence: assignments.cadence, startDate: assignments.startDate, endDate: assignments.endDate, endedOn: assignments.endedOn })
      .from(assignments)
      .where(and(inArray(assignments.clientId, ids), isNull(assignments.contactId))),
    db
      .select({ id: checkinSchedules.id, clientId: checkinSchedules.clientId, cadence: checkinSchedules.cadence, startDate: checkinSchedules.startDate, endDate: checkinSchedules.endDate, status: checkinSchedules.status })
      .from(checkinSchedules)
      .where(and(inArray(checkinSchedules.clientId, ids), isNull(checkinSchedules.contactId), eq(checkinSchedules.status, "active"))),
  ]);
  const workIds = work.map((w) => w.id);
  const scheduleIds = schedules.map((s) => s.id);
  const [pauses, entries, done] = await Promise.all([
    workIds.length ? db.select().from(assignmentPauses).where(inArray(assignmentPauses.assignmentId, workIds)) : [],
    workIds.length
      ? db.select({ assignmentId: exerciseEntries.assignmentId, at: exerciseEntries.submittedAt }).from(exerciseEntries).where(and(inArray(exerciseEntries.assignmentId, workIds), gte(exerciseEntries.submittedAt, since)))
      : [],
    scheduleIds.length
      ? db
          .select({ scheduleId: checkinAdministrations.scheduleId, at: checkinAdministrations.administeredAt })
          .from(checkinAdministrations)
          .where(and(inArray(checkinAdministrations.scheduleId, scheduleIds), gte(checkinAdministrations.administeredAt, since)))
      : [],
  ]);
  let alerted = 0;
  for (const c of inCare) {
    const windowStart = addDays(localDateOf(now, c.timeZone), -MISSED_WINDOW_DAYS);
    const recent = (s: ZonedSchedule, completions: Date[]) => classifyOccurrences({ ...s, startDate: s.startDate < windowStart ? windowStart : s.startDate }, completions, now);
    const rows: OccurrenceRow[] = [];
    for (const w of work.filter((w) => w.clientId === c.id)) {
      const schedule: ZonedSchedule = {
        cadence: w.cadence as Cadence,
        startDate: w.startDate,
        endDate: w.endDate,
        endedOn: w.endedOn,
        pauses: pauses.filter((p) => p.assignmentId === w.id).map((p): Pause => ({ from: p.fromDate, until: p.untilDate })),
        timeZone: c.timeZone,
      };
      rows.push(...recent(schedule, entries.filter((e) => e.assignmentId === w.id).map((e) => e.at)));
    }
    for (const s of schedules.filter((s) => s.clientId === c.id)) {
      const schedule: ZonedSchedule = { cadence: s.cadence as Cadence, startDate: s.startDate, endDate: s.endDate, endedOn: null, pauses: [], timeZone: c.timeZone };
      rows.push(...recent(schedule, done.filter((d) => d.scheduleId === s.id).map((d) => d.at)));
    }
    if (missedInARow(rows) < threshold) continue;
    const first = runStart(rows);
    if (!first) continue;
    const outcome = await db.transaction((tx) =>
      alertCounselor(tx, { organisationId: c.organisationId, clientId: c.id, alert: "missedInARow", jobKey: `missed:${c.id}:${first}`, path: `/clients/${c.id}` }),
    );
    if (outcome === "queued") alerted++;
  }
  return { alerted };
}
