import { readFile } from "node:fs/promises";
import path from "node:path";
import type { RawClient } from "@/db/client";
import { type AnswerValue, type Instrument } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { scoreResponse, type ScoreResult } from "@/instruments/scoring";
import { addDays, daysBetween, type LocalDate } from "@/lib/local-date";
import { copyRows } from "./bulk";
import { at, clamp, randomFor, type Context, type LargeClient } from "./large-context";
import type { Random } from "./random";

// The large data set's check-ins and critical alerts: each client's plan of weeks and the course
// of their scores (who follows the usual curve, recovers early, stalls or worsens), scored exactly.

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

export async function loadCheckins(raw: RawClient, ctx: Context, plans: (CheckinPlan | null)[]) {
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
