import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { addDays, localDateOf, startOfLocalDayInstant, startOfWeek, type LocalDate } from "@/lib/local-date";
import { appBaseUrl } from "./config";
import { enqueueMessage } from "./enqueue";
import { renderMessage } from "./templates";

/** The last whole week (Monday to Sunday, UTC days) before `now`. */
export function lastWeek(now: Date): { from: LocalDate; to: LocalDate; start: Date; end: Date } {
  const thisMonday = startOfWeek(localDateOf(now, "UTC"), 1);
  const from = addDays(thisMonday, -7);
  return { from, to: addDays(thisMonday, -1), start: startOfLocalDayInstant(from, "UTC"), end: startOfLocalDayInstant(thisMonday, "UTC") };
}

interface SummaryRow {
  user_id: string;
  organisation_id: string;
  email: string;
  in_care: number;
  checkins: number;
  exercises: number;
  open_alerts: number;
}

/**
 * The weekly summary to each active counselor and supervisor who asked for it on their profile:
 * over the clients they are primary counselor of, how many are in care (intake or active), how
 * many check-ins and exercise entries were completed last week, and how many critical answers
 * are still unacknowledged. Counts and a sign-in link only. The job key
 * `weekly:<user>:<first day of the week>` makes it once per counselor per week, however often
 * the scan runs. `now` is a parameter, never the wall clock.
 */
export async function scanWeeklySummaries(db: Db, now: Date): Promise<{ queued: number }> {
  const week = lastWeek(now);
  const rows = rowsOf<SummaryRow>(
    await db.execute(sql`
      select u.id as user_id, u.organisation_id, u.email,
        (select count(*)::int from clients c
          where c.organisation_id = u.organisation_id and c.primary_counselor_id = u.id and c.status in ('intake', 'active')) as in_care,
        (select count(*)::int from checkin_administrations a join clients c on c.id = a.client_id
          where a.organisation_id = u.organisation_id and c.primary_counselor_id = u.id
            and a.administered_at >= ${week.start.toISOString()}::timestamptz and a.administered_at < ${week.end.toISOString()}::timestamptz) as checkins,
        (select count(*)::int from exercise_entries e join clients c on c.id = e.client_id
          where e.organisation_id = u.organisation_id and c.primary_counselor_id = u.id
            and e.submitted_at >= ${week.start.toISOString()}::timestamptz and e.submitted_at < ${week.end.toISOString()}::timestamptz) as exercises,
        (select count(*)::int from critical_alerts ca join clients c on c.id = ca.client_id
          where ca.organisation_id = u.organisation_id and c.primary_counselor_id = u.id and ca.acknowledged_at is null) as open_alerts
      from counselor_alert_preferences p
      join users u on u.id = p.user_id and u.organisation_id = p.organisation_id
      where p.weekly_summary and u.status = 'active' and u.role in ('counselor', 'supervisor')
      order by u.id`),
  );
  let queued = 0;
  for (const r of rows) {
    const result = await db.transaction((tx) =>
      enqueueMessage(tx, {
        organisationId: r.organisation_id,
        jobKey: `weekly:${r.user_id}:${week.from}`,
        kind: "weekly_summary",
        to: r.email,
        userId: r.user_id,
        content: renderMessage("weekly_summary", {
          from: week.from,
          to: week.to,
          clientsInCare: Number(r.in_care),
          checkinsCompleted: Number(r.checkins),
          exercisesCompleted: Number(r.exercises),
          answersAwaitingReview: Number(r.open_alerts),
          link: `${appBaseUrl()}/caseload`,
        }),
        actor: { kind: "system" },
      }),
    );
    if (result.created) queued++;
  }
  return { queued };
}
