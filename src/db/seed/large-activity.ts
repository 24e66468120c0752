import { readFile } from "node:fs/promises";
import path from "node:path";
import { occurrenceDates, type Cadence } from "@/scheduling/cadence";
import { loadBundledExercises } from "@/content/exercises";
import type { RawClient } from "@/db/client";
import type { ClientStatus, RecoveryFocus } from "@/db/schema";
import type { ExerciseDefinition } from "@/exercises/schemas";
import { type AnswerValue, type Instrument } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { scoreResponse, type ScoreResult } from "@/instruments/scoring";
import { addDays, daysBetween, startOfLocalDayInstant, type LocalDate } from "@/lib/local-date";
import { copyRows, rawExec } from "./bulk";
import { answersFor, roleValue } from "./demo-exercises";
import { createRandom, type Random } from "./random";

/** Deterministic ids by table and counter (see idMaker in ./large). */
export type IdMaker = (table: number, n: number) => string;

export interface LargeClient {
  index: number;
  id: string;
  name: string;
  preferredName: string | null;
  recordNumber: string;
  focus: RecoveryFocus;
  status: ClientStatus;
  counselorId: string;
  tags: string[];
  startDate: LocalDate;
  timeZone: string;
  dischargedOn: LocalDate | null;
  lastContactAt: Date | null;
}

export interface LoadCounts {
  checkins: number;
  busiestClientCheckins: number;
  alerts: number;
  assignments: number;
  entries: number;
  notes: number;
  groupMembers: number;
  addenda: number;
  auditEvents: number;
}

interface Context {
  organisationId: string;
  orgIndex: number;
  seed: number;
  today: LocalDate;
  clients: LargeClient[];
  counselors: { id: string; supervisorId: string }[];
  supervisors: { id: string }[];
  admin: { id: string };
  auditPerClient: number;
  id: IdMaker;
  log: (message: string) => void;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
/** A generator of its own for each (client, purpose), so every table can be produced in its own pass. */
function randomFor(ctx: Context, index: number, salt: number): Random {
  let h = Math.imul(ctx.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(ctx.orgIndex + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f) ^ Math.imul(index + 1, 0x165667b1) ^ Math.imul(salt + 7, 0x9e3779b1);
  return createRandom((h ^ (h >>> 16)) >>> 0);
}

const dayStarts = new Map<string, number>();
function at(date: LocalDate, timeZone: string, minutes: number): Date {
  const key = `${timeZone}|${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = startOfLocalDayInstant(date, timeZone).getTime();
    dayStarts.set(key, start);
  }
  return new Date(start + minutes * 60_000);
}

async function bundled(name: string): Promise<Instrument> {
  const file = path.join("content", "instruments", `${name}.json`);
  return parseQuestionnaire(file, JSON.parse(await readFile(path.join(process.cwd(), file), "utf8")));
}

// Scoring is exact (rational arithmetic); the same answers recur often, so keep their scores.
const scores = new Map<string, ScoreResult>();
function score(instrument: Instrument, answers: Record<string, AnswerValue>): ScoreResult {
  const key = instrument.url + JSON.stringify(answers);
  let result = scores.get(key);
  if (!result) {
    result = scoreResponse(instrument, answers);
    if (scores.size > 200_000) scores.clear();
    scores.set(key, result);
  }
  return result;
}

function answersNear(instrument: Instrument, perItem: number, random: Random, cap: Record<string, number> = {}): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const item of instrument.items) {
    if (!item.scored) continue;
    const wanted = clamp(Math.round(perItem + (random.next() - 0.5) * 1.8), 0, cap[item.linkId] ?? 4);
    const option = item.options.find((o) => o.weight === wanted) ?? item.options[0]!;
    answers[item.linkId] = { code: option.code };
  }
  return answers;
}

/** The weeks of check-ins a client has: skewed (most a few months, some years), the busiest twice a week. */
export interface CheckinPlan {
  first: LocalDate;
  last: LocalDate;
  perWeek: 1 | 2;
  pattern: "improving" | "flat" | "deteriorating";
}

export function checkinPlan(ctx: Pick<Context, "today" | "seed" | "orgIndex">, client: LargeClient): CheckinPlan | null {
  if (client.status === "intake") return null;
  const random = randomFor(ctx as Context, client.index, 1);
  const last = client.dischargedOn ?? addDays(ctx.today, client.status === "on_hold" ? -21 : -1);
  const available = Math.floor(daysBetween(addDays(client.startDate, 7), last) / 7) + 1;
  if (available < 1) return null;
  const weeks = client.index === 0 ? available : client.index === 1 ? Math.min(available, 34) : Math.min(available, Math.ceil(-Math.log(1 - random.next()) * 76));
  const perWeek = client.index === 0 || random.chance(0.02) ? 2 : 1;
  const pattern = random.chance(0.5) ? "improving" : random.chance(0.7) ? "flat" : "deteriorating";
  return { first: addDays(last, -(weeks - 1) * 7), last, perWeek, pattern };
}

/**
 * A client's numbness level without noise. Improving clients follow one of three courses, chosen
 * by their index (no extra random draw, so the rest of the data set is unchanged): half improve
 * across their whole time (the original course), a quarter recover early (most of the way within
 * about two months), and a quarter improve a little and then stall. With the flat and worsening
 * clients, this gives the expected recovery curves (src/outcomes/expected-recovery) the mix of
 * courses they are meant to tell apart.
 */
export function courseLevel(pattern: CheckinPlan["pattern"], index: number, start: number, end: number, progress: number, weeks: number): number {
  if (pattern === "flat") return start;
  if (pattern === "deteriorating") return start + (end - start) * Math.pow(progress, 0.8);
  switch (index % 4) {
    case 2:
      return start + (end - start) * (1 - Math.exp(-weeks / 3));
    case 3:
      return start + (end - start) * 0.35 * Math.min(1, weeks / 4);
    default:
      return start + (end - start) * Math.pow(progress, 0.8);
  }
}

function checkinDates(plan: CheckinPlan): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = plan.first; d <= plan.last; d = addDays(d, 7)) {
    out.push(d);
    if (plan.perWeek === 2 && addDays(d, 3) <= plan.last) out.push(addDays(d, 3));
  }
  return out;
}

const ADMIN_COLUMNS = [
  "id", "organisation_id", "client_id", "instrument_url", "instrument_version", "mode", "administered_by", "answers", "status",
  "total", "subscales", "band_label", "band_severity", "answered", "expected", "administered_at", "idempotency_key",
];

async function loadCheckins(raw: RawClient, ctx: Context, plans: (CheckinPlan | null)[]) {
  const [numbness, empathy, profile] = await Promise.all([bundled("attune-numbness"), bundled("attune-empathy-connection"), bundled("attune-detachment-profile")]);
  const alerts: unknown[][] = [];
  let n = 0;
  let busiest = 0;
  function* rows(): Generator<unknown[]> {
    for (const client of ctx.clients) {
      const plan = plans[client.index];
      if (!plan) continue;
      const random = randomFor(ctx, client.index, 2);
      const [start, end] = plan.pattern === "improving" ? [random.int(19, 26), random.int(5, 11)] : plan.pattern === "flat" ? [random.int(12, 20), 0] : [random.int(9, 13), random.int(23, 27)];
      const dates = checkinDates(plan);
      const before = n;
      for (const [i, date] of dates.entries()) {
        if (i > 0 && i < dates.length - 1 && random.chance(0.1)) continue;
        const p = dates.length === 1 ? 1 : i / (dates.length - 1);
        const level = clamp(courseLevel(plan.pattern, client.index, start, end, p, daysBetween(plan.first, date) / 7) + (random.next() - 0.5) * 3, 0, 32);
        const inSession = random.chance(0.3);
        const when = at(date, client.timeZone, random.int(9 * 60, 20 * 60));
        const by = inSession ? client.counselorId : null;
        const mode = inSession ? "in_session" : "portal";
        const make = (instrument: Instrument, answers: Record<string, AnswerValue>, time: Date, m = mode, who = by) => {
          const s = score(instrument, answers);
          const id = ctx.id(3, ++n);
          return { id, s, row: [id, ctx.organisationId, client.id, instrument.url, instrument.version, m, who, answers, s.status, s.total, s.subscales, s.band?.label ?? null, s.band?.severity ?? null, s.answered, s.expected, time, `large-${ctx.seed}-${n}`] };
        };
        const numbAnswers = answersNear(numbness, level / 8, random, { worth: 2 });
        if (i < dates.length - 1 && random.chance(0.04)) delete numbAnswers[random.pick(Object.keys(numbAnswers))];
        if (random.chance(0.003)) numbAnswers.worth = { code: "often" };
        const saved = make(numbness, numbAnswers, when);
        for (const c of saved.s.critical) {
          const open = i === dates.length - 1;
          alerts.push([ctx.id(4, alerts.length + 1), ctx.organisationId, client.id, saved.id, c.linkId, c.message, when, open ? null : new Date(when.getTime() + 3 * 3_600_000), open ? null : client.counselorId, open ? null : "Called the same day; went through the safety plan."]);
        }
        yield saved.row;
        const connection = clamp(30 - level * 0.75 + (random.next() - 0.5) * 3, 0, 32);
        yield make(empathy, answersNear(empathy, connection / 8, random), new Date(when.getTime() + 4 * 60_000)).row;
        if (i % 4 === 0 && client.status !== "discharged") {
          const rating = clamp(4 - level / 8 + (random.next() - 0.5), 0, 4);
          yield make(profile, answersNear(profile, rating, random), new Date(when.getTime() + 30 * 60_000), "in_session", client.counselorId).row;
        }
      }
      if (client.index === 0) busiest = n - before;
      if (client.index % 2000 === 1999) ctx.log(`  check-ins: ${client.index + 1} clients, ${n} administrations`);
    }
  }
  const count = await copyRows(raw, "checkin_administrations", ADMIN_COLUMNS, rows());
  await copyRows(raw, "critical_alerts", ["id", "organisation_id", "client_id", "administration_id", "link_id", "message", "raised_at", "acknowledged_at", "acknowledged_by", "acknowledgement_note"], alerts);
  return { checkins: count, busiestClientCheckins: busiest, alerts: alerts.length };
}

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

const AUDIT_ACTIONS: Array<[string, number, string | null]> = [
  ["client.view", 62, "client"],
  ["note.view", 8, "session_note"],
  ["checkin.read", 6, "checkin"],
  ["entry.read", 6, "exercise_entry"],
  ["note.create", 4, "session_note"],
  ["entry.comment", 3, "exercise_entry"],
  ["client.update", 2, "client"],
  ["checkin.schedule", 2, "checkin_schedule"],
  ["auth.sign_in", 6, null],
  ["portal.link_create", 1, "portal_link"],
];
const TABS = ["overview", "trends", "checkins", "exercises", "notes", "support"];
const AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15", "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) Safari/604.1"];

/** The audit log, day by day over three years so that ids follow time, as they do in use. */
async function loadAudit(raw: RawClient, ctx: Context) {
  const total = ctx.clients.length * ctx.auditPerClient;
  const days = 3 * 365;
  const weights = AUDIT_ACTIONS.reduce((a, [, w]) => a + w, 0);
  const first = addDays(ctx.today, -days);
  function* events(): Generator<unknown[]> {
    let emitted = 0;
    for (let d = 0; d < days; d++) {
      const random = randomFor(ctx, d, 6);
      const date = addDays(first, d);
      const target = Math.round((total * (d + 1)) / days) - emitted;
      const day: { t: number; row: unknown[] }[] = [];
      for (let k = 0; k < target; k++) {
        let client = random.pick(ctx.clients);
        for (let tries = 0; tries < 4 && (client.startDate > date || (client.dischargedOn && client.dischargedOn < date)); tries++) client = random.pick(ctx.clients);
        let r = random.next() * weights;
        const [action, , entityType] = AUDIT_ACTIONS.find(([, w]) => (r -= w) < 0) ?? AUDIT_ACTIONS[0]!;
        const t = at(date, "America/New_York", random.int(7 * 60, 21 * 60)).getTime() + random.int(0, 59_999);
        const actor = random.chance(0.9) ? client.counselorId : random.pick(ctx.supervisors).id;
        const clientScoped = entityType !== null;
        day.push({
          t,
          row: [
            ctx.organisationId, new Date(t), "user", actor, action, entityType ?? "user", clientScoped ? (entityType === "client" ? client.id : `${client.recordNumber}-${k}`) : actor,
            clientScoped ? client.id : null, `10.${ctx.orgIndex}.${random.int(0, 255)}.${random.int(1, 254)}`, random.pick(AGENTS), action === "client.view" ? { tab: random.pick(TABS) } : null,
          ],
        });
      }
      day.sort((a, b) => a.t - b.t);
      for (const e of day) yield e.row;
      emitted += target;
      if (d % 100 === 99) ctx.log(`  audit: day ${d + 1} of ${days}, ${emitted} events`);
    }
  }
  const count = await copyRows(raw, "audit_events", ["organisation_id", "occurred_at", "actor_kind", "actor_user_id", "action", "entity_type", "entity_id", "client_id", "ip", "user_agent", "detail"], events());
  return { auditEvents: count };
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
