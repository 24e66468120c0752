import { occurrenceDates, type Cadence } from "@/scheduling/cadence";
import { loadBundledExercises } from "@/content/exercises";
import type { RawClient } from "@/db/client";
import type { ExerciseDefinition } from "@/exercises/schemas";
import { addDays, daysBetween, type LocalDate } from "@/lib/local-date";
import { copyRows, rawExec } from "./bulk";
import { answersFor, roleValue } from "./demo-exercises";
import { at, randomFor, type Context, type LargeClient, type LoadCounts } from "./large-context";
import { checkinPlan, loadCheckins, type CheckinPlan } from "./large-checkins";
import { loadAudit } from "./large-audit";

// What happens around the large data set's clients: exercises and their entries, session notes,
// and (from large-checkins.ts and large-audit.ts) check-ins and the audit log.

export type { IdMaker, LargeClient, LoadCounts } from "./large-context";

interface AssignmentPlan {
  id: string;
  client: LargeClient;
  exercise: ExerciseDefinition;
  cadence: Cadence;
  startDate: LocalDate;
  endDate: LocalDate | null;
  rate: number;
  salt: number;
}

async function loadExercises(raw: RawClient, ctx: Context, plans: (CheckinPlan | null)[]) {
  const library = new Map((await loadBundledExercises()).map((e) => [e.id, e]));
  const thought = library.get("thought-record")!;
  const journal = library.get("daily-feelings-journal")!;
  const assignments: AssignmentPlan[] = [];
  for (const client of ctx.clients) {
    const plan = plans[client.index];
    if (!plan) continue;
    const random = randomFor(ctx, client.index, 3);
    const endDate = client.dischargedOn;
    assignments.push({ id: ctx.id(5, assignments.length + 1), client, exercise: thought, cadence: { kind: "weekly" }, startDate: plan.first, endDate, rate: 0.17 + random.next() * 0.25, salt: 10 });
    if (random.chance(0.4)) {
      const weeks = random.int(4, 10);
      const startDate = addDays(plan.last, -weeks * 7) < plan.first ? plan.first : addDays(plan.last, -weeks * 7);
      assignments.push({ id: ctx.id(5, assignments.length + 1), client, exercise: journal, cadence: { kind: "weekdays", days: [1, 3, 5] }, startDate, endDate, rate: 0.35 + random.next() * 0.4, salt: 11 });
    }
  }
  const count = await copyRows(
    raw,
    "assignments",
    ["id", "organisation_id", "client_id", "exercise_id", "exercise_version", "cadence", "start_date", "end_date", "status", "ended_on", "created_by"],
    assignments.map((a) => [a.id, ctx.organisationId, a.client.id, a.exercise.id, a.exercise.version, a.cadence, a.startDate, a.endDate, a.endDate ? "ended" : "active", a.endDate, a.client.counselorId]),
  );
  let n = 0;
  function* entries(): Generator<unknown[]> {
    for (const a of assignments) {
      const random = randomFor(ctx, a.client.index, a.salt);
      const to = a.endDate ?? addDays(ctx.today, -1);
      const dates = occurrenceDates({ cadence: a.cadence, startDate: a.startDate, endDate: a.endDate, endedOn: a.endDate, pauses: [] }, { from: a.startDate, to });
      for (const [i, date] of dates.entries()) {
        if (!random.chance(a.rate)) continue;
        const when = at(date, a.client.timeZone, random.int(8 * 60, 21 * 60));
        const answers = answersFor(a.exercise, random, i / Math.max(1, dates.length));
        n++;
        yield [ctx.id(6, n), ctx.organisationId, a.client.id, a.id, a.exercise.id, a.exercise.version, answers, roleValue(a.exercise, answers, "intensity_before"), roleValue(a.exercise, answers, "intensity_after"), when, `large-entry-${ctx.seed}-${n}`, random.chance(0.8) ? when : null];
      }
    }
  }
  const entryCount = await copyRows(
    raw,
    "exercise_entries",
    ["id", "organisation_id", "client_id", "assignment_id", "exercise_id", "exercise_version", "answers", "intensity_before", "intensity_after", "submitted_at", "idempotency_key", "read_at"],
    entries(),
  );
  return { assignments: count, entries: entryCount };
}

const NOTE_TEXT = [
  "Client described a flat week with moments of connection at the weekend.",
  "Reviewed the thought record; the balanced thought lowered the intensity noticeably.",
  "Discussed sleep and the urge to withdraw after difficult phone calls.",
  "Practised naming emotions from body sensations; client found two words that fit.",
  "Family member attended; worked on a boundary around money requests.",
];
const TOPICS = ["boundaries", "enabling", "communication", "detachment_with_love", "relapse_prevention", "self_care"];

async function loadNotes(raw: RawClient, ctx: Context, plans: (CheckinPlan | null)[]) {
  const supervisorOf = new Map(ctx.counselors.map((c) => [c.id, c.supervisorId]));
  const addenda: unknown[][] = [];
  const byCounselor = new Map<string, LargeClient[]>();
  let n = 0;
  const columns = ["id", "organisation_id", "client_id", "type", "status", "session_date", "start_time", "duration_minutes", "attendance", "data", "assessment", "plan", "topics", "author_id", "signed_at", "cosign_required", "cosigned_at", "cosigned_by", "created_at", "updated_at"];
  function* notes(): Generator<unknown[]> {
    for (const client of ctx.clients) {
      const plan = plans[client.index];
      const random = randomFor(ctx, client.index, 4);
      if (client.status !== "discharged") byCounselor.set(client.counselorId, [...(byCounselor.get(client.counselorId) ?? []), client]);
      const from = plan?.first ?? client.startDate;
      const to = plan?.last ?? addDays(ctx.today, -1);
      const span = Math.max(1, daysBetween(from, to));
      const count = plan ? Math.round(span / 60) + random.int(0, 2) : random.int(0, 1);
      for (let k = 0; k < count; k++) {
        const date = addDays(from, Math.floor((span * (k + random.next())) / Math.max(1, count)));
        const family = random.chance(0.12);
        const signed = daysBetween(date, ctx.today) > 14 ? random.chance(0.92) : random.chance(0.4);
        const start = random.int(9, 17);
        const signedAt = signed ? at(date, client.timeZone, start * 60 + 90) : null;
        const cosignRequired = signed && random.chance(0.1);
        const cosigned = cosignRequired && random.chance(0.6);
        const id = ctx.id(7, ++n);
        if (signed && random.chance(0.02)) addenda.push([ctx.id(8, addenda.length + 1), ctx.organisationId, id, client.counselorId, "Correction: the session lasted 50 minutes, not 45.", new Date(signedAt!.getTime() + 86_400_000)]);
        const created = at(date, client.timeZone, start * 60 + 55);
        yield [
          id, ctx.organisationId, client.id, family ? "family_support" : "individual", signed ? "signed" : "draft", date, `${String(start).padStart(2, "0")}:00`, random.pick([45, 50, 60]),
          random.chance(0.9) ? "attended" : random.pick(["cancelled", "no_show"]), random.pick(NOTE_TEXT), random.pick(NOTE_TEXT), "Continue weekly check-ins and the thought record.",
          family ? [random.pick(TOPICS)] : [], client.counselorId, signedAt, cosignRequired, cosigned ? new Date(signedAt!.getTime() + 2 * 86_400_000) : null,
          cosigned ? supervisorOf.get(client.counselorId) ?? null : null, created, signedAt ?? created,
        ];
      }
    }
  }
  let count = await copyRows(raw, "session_notes", columns, notes());
  // Group sessions: written as drafts with their attendees, then signed (a signed note's
  // attendees cannot change, so they go in first, as the app does).
  const groups: unknown[][] = [];
  const members: unknown[][] = [];
  const random = randomFor(ctx, 0, 5);
  const groupCount = Math.round(ctx.clients.length / 14);
  const counselorIds = [...byCounselor.keys()];
  for (let g = 0; g < groupCount && counselorIds.length; g++) {
    const author = random.pick(counselorIds);
    const pool = byCounselor.get(author)!;
    if (pool.length < 3) continue;
    const id = ctx.id(7, ++n);
    const date = addDays(ctx.today, -random.int(1, 700));
    groups.push([id, ctx.organisationId, null, "group", "draft", date, "18:00", 90, "attended", "Group session on noticing feelings in the body.", "Engaged group.", "Same time next week.", [], author, null, false, null, null, at(date, "America/New_York", 20 * 60), at(date, "America/New_York", 20 * 60)]);
    const seen = new Set<string>();
    for (let m = random.int(3, 6); m > 0; m--) {
      const c = random.pick(pool);
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      members.push([ctx.organisationId, id, c.id, "Shared one moment of connection from the week."]);
    }
  }
  count += await copyRows(raw, "session_notes", columns, groups);
  await copyRows(raw, "note_group_members", ["organisation_id", "note_id", "client_id", "individual_part"], members);
  await rawExec(
    raw,
    `update session_notes set status = 'signed', signed_at = (session_date + time '19:40') at time zone 'America/New_York'
     where organisation_id = '${ctx.organisationId}' and type = 'group' and status = 'draft' and session_date < current_date - 14`,
  );
  await copyRows(raw, "note_addenda", ["id", "organisation_id", "note_id", "author_id", "text", "signed_at"], addenda);
  return { notes: count, groupMembers: members.length, addenda: addenda.length };
}

/** Everything that happens around the clients: check-ins, exercises, notes and the audit log. */
export async function loadActivity(raw: RawClient, ctx: Context): Promise<LoadCounts> {
  const plans = ctx.clients.map((c) => checkinPlan(ctx, c));
  const checkins = await loadCheckins(raw, ctx, plans);
  ctx.log(`${checkins.checkins} check-ins (busiest client ${checkins.busiestClientCheckins}), ${checkins.alerts} critical alerts`);
  const exercises = await loadExercises(raw, ctx, plans);
  ctx.log(`${exercises.assignments} assignments, ${exercises.entries} journal and exercise entries`);
  const notes = await loadNotes(raw, ctx, plans);
  ctx.log(`${notes.notes} session notes (${notes.groupMembers} group attendees, ${notes.addenda} addenda)`);
  const audit = await loadAudit(raw, ctx);
  ctx.log(`${audit.auditEvents} audit events`);
  return { ...checkins, ...exercises, ...notes, ...audit };
}
