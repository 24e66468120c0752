import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { occurrenceDates } from "@/scheduling/cadence";
import type { Db } from "@/db/client";
import { checkinAdministrations, checkinSchedules, criticalAlerts, supportContacts } from "@/db/schema";
import { type AnswerValue, type Instrument } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { scoreResponse } from "@/instruments/scoring";
import { addDays, localDateOf, startOfLocalDayInstant, type LocalDate } from "@/lib/local-date";
import type { SeededClient } from "./demo-clients";
import { createRandom, type Random } from "./random";
import { scoreColumns } from "@/checkins/record";

type Pattern = "improving" | "flat" | "deteriorating";
type Administration = typeof checkinAdministrations.$inferInsert;
type Alert = typeof criticalAlerts.$inferInsert;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Answers whose weights sit around `perItem` (0..4 per item), each item's code found by its weight. */
export function answersNear(instrument: Instrument, perItem: number, random: Random, cap: Record<string, number> = {}): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const item of instrument.items.filter((i) => i.scored)) {
    const wanted = clamp(Math.round(perItem + (random.next() - 0.5) * 1.8), 0, cap[item.linkId] ?? 4);
    const option = item.options.find((o) => o.weight === wanted) ?? item.options[0]!;
    answers[item.linkId] = { code: option.code };
  }
  return answers;
}

/** Numbness level (0..32, higher is worse) at progress p (0..1) of the client's year. */
function numbnessAt(pattern: Pattern, start: number, end: number, p: number): number {
  if (pattern === "flat") return start;
  return start + (end - start) * Math.pow(p, 0.8);
}

// The seed runs from scripts (tsx), where the "server-only" content loader cannot be imported.
export async function bundled(name: string): Promise<Instrument> {
  const file = path.join("content", "instruments", `${name}.json`);
  return parseQuestionnaire(file, JSON.parse(await readFile(path.join(process.cwd(), file), "utf8")));
}

function at(date: LocalDate, timeZone: string, random: Random): Date {
  return new Date(startOfLocalDayInstant(date, timeZone).getTime() + random.int(9, 20) * 3_600_000 + random.int(0, 59) * 60_000);
}

/**
 * A year of weekly numbness and empathy-connection check-ins for the demo clients (some
 * improve, some stay flat, two deteriorate, one of them counselor@'s client with an open
 * critical alert), monthly counselor-rated detachment profiles, and a few family wellbeing
 * check-ins by Marisol Abbott. Every score is the real scorer's result for its answers.
 */
export async function seedDemoCheckins(db: Db, organisationId: string, seeded: SeededClient[], userIds: Map<string, string>, now = new Date()): Promise<void> {
  const random = createRandom(7070);
  const [numbness, empathy, profile, family] = await Promise.all([
    bundled("attune-numbness"),
    bundled("attune-empathy-connection"),
    bundled("attune-detachment-profile"),
    bundled("attune-family-wellbeing"),
  ]);

  const administrations: Administration[] = [];
  const alerts: Alert[] = [];
  const schedules: (typeof checkinSchedules.$inferInsert)[] = [];
  let key = 0;
  const add = (row: Omit<Administration, "organisationId" | "status" | "total" | "subscales" | "bandLabel" | "bandSeverity" | "answered" | "expected" | "idempotencyKey" | "instrumentUrl" | "instrumentVersion">, instrument: Instrument) => {
    const answers = row.answers as Record<string, AnswerValue>;
    const score = scoreResponse(instrument, answers);
    const id = randomUUID();
    administrations.push({
      ...row,
      id,
      organisationId,
      instrumentUrl: instrument.url,
      instrumentVersion: instrument.version,
      ...scoreColumns(score),
      idempotencyKey: `demo-checkin-${String(key++).padStart(8, "0")}`,
    });
    return { id, score };
  };

  // counselor@'s deteriorating client: the longest-known active client the browser tests leave alone.
  const counselorActive = seeded.filter((c) => c.counselorKey === "counselor" && c.status === "active");
  const untouched = counselorActive.filter((_, i) => ![0, 4, 5, 6].includes(i));
  const worsening = [...untouched].sort((a, b) => a.startDate.localeCompare(b.startDate))[0]!;
  const otherWorsening = seeded.filter((c) => c.counselorKey === "counselor2" && c.status === "active")[1];

  for (const [index, client] of seeded.entries()) {
    if (client.status === "intake") continue;
    const counselorId = userIds.get(client.counselorKey)!;
    const today = localDateOf(now, client.timeZone);
    const first = [addDays(client.startDate, 7), addDays(today, -364)].sort().at(-1)!;
    const stopBack = client.status === "discharged" ? random.int(40, 90) : client.status === "on_hold" ? 21 : 1;
    const last = addDays(today, -stopBack);
    const dates = occurrenceDates({ cadence: { kind: "weekly" }, startDate: first, endDate: last, endedOn: null, pauses: [] }, { from: first, to: last });
    if (dates.length === 0) continue;
    const pattern: Pattern = client === worsening || client === otherWorsening ? "deteriorating" : index % 3 === 1 ? "flat" : "improving";
    const [start, end] = pattern === "improving" ? [random.int(19, 26), random.int(5, 11)] : pattern === "flat" ? [random.int(12, 20), 0] : [random.int(9, 13), random.int(23, 27)];

    const portal = client.status === "active" || client.status === "on_hold";
    const scheduleIds = { numbness: portal ? randomUUID() : null, empathy: portal ? randomUUID() : null };
    for (const [which, instrument] of [["numbness", numbness], ["empathy", empathy]] as const) {
      const id = scheduleIds[which];
      if (!id) continue;
      schedules.push({ id, organisationId, clientId: client.id, instrumentUrl: instrument.url, cadence: { kind: "weekly" }, startDate: first, createdBy: counselorId, status: client.status === "active" ? "active" : "ended" });
    }

    dates.forEach((date, i) => {
      if (i > 0 && i < dates.length - 1 && random.chance(0.12)) return;
      const p = dates.length === 1 ? 1 : i / (dates.length - 1);
      const level = clamp(numbnessAt(pattern, start, end, p) + (random.next() - 0.5) * 3, 0, 32);
      const inSession = !portal || random.chance(0.3);
      const when = at(date, client.timeZone, random);
      const common = {
        clientId: client.id,
        contactId: null,
        mode: inSession ? ("in_session" as const) : ("portal" as const),
        administeredBy: inSession ? counselorId : null,
        administeredAt: when,
      };
      const isLast = i === dates.length - 1;
      const numbAnswers = answersNear(numbness, level / 8, random, { worth: 2 });
      if (!isLast && random.chance(0.04)) delete numbAnswers[random.pick(Object.keys(numbAnswers))];
      if (client === worsening && (isLast || i === dates.length - 9)) numbAnswers.worth = { code: "often" };
      const saved = add({ ...common, scheduleId: inSession ? null : scheduleIds.numbness, answers: numbAnswers }, numbness);
      for (const c of saved.score.critical) {
        const acknowledged = !isLast;
        alerts.push({
          organisationId,
          clientId: client.id,
          administrationId: saved.id,
          linkId: c.linkId,
          message: c.message,
          raisedAt: when,
          acknowledgedAt: acknowledged ? new Date(when.getTime() + 3 * 3_600_000) : null,
          acknowledgedBy: acknowledged ? counselorId : null,
          acknowledgementNote: acknowledged ? "Called the same afternoon. Went through the safety plan together; no plan or intent. Moved the next session forward." : null,
        });
      }
      const connection = clamp(30 - level * 0.75 + (random.next() - 0.5) * 3, 0, 32);
      add({ ...common, administeredAt: new Date(when.getTime() + 4 * 60_000), scheduleId: inSession ? null : scheduleIds.empathy, answers: answersNear(empathy, connection / 8, random) }, empathy);
      if (i % 4 === 0 && client.status !== "discharged") {
        const rating = clamp(4 - level / 8 + (random.next() - 0.5), 0, 4);
        add({ ...common, mode: "in_session", administeredBy: counselorId, scheduleId: null, administeredAt: new Date(when.getTime() + 30 * 60_000), answers: answersNear(profile, rating, random) }, profile);
      }
    });
  }

  // Marisol Abbott, the demo family member: a weekly family check-in, done most weeks lately.
  const [marisol] = await db
    .select({ id: supportContacts.id, clientId: supportContacts.clientId })
    .from(supportContacts)
    .where(and(eq(supportContacts.organisationId, organisationId), eq(supportContacts.name, "Marisol Abbott")));
  const familyClient = marisol ? seeded.find((c) => c.id === marisol.clientId) : undefined;
  if (marisol && familyClient) {
    const today = localDateOf(now, familyClient.timeZone);
    const first = addDays(today, -7 * 12);
    const scheduleId = randomUUID();
    schedules.push({ id: scheduleId, organisationId, clientId: familyClient.id, contactId: marisol.id, instrumentUrl: family.url, cadence: { kind: "weekly" }, startDate: first, createdBy: userIds.get("counselor")! });
    const dates = occurrenceDates({ cadence: { kind: "weekly" }, startDate: first, endDate: null, endedOn: null, pauses: [] }, { from: first, to: addDays(today, -1) });
    dates.forEach((date, i) => {
      if (i % 2 === 1 && i < dates.length - 2) return;
      const wellbeing = 1.2 + (2.2 * i) / dates.length;
      add(
        { clientId: familyClient.id, contactId: marisol.id, mode: "portal", administeredBy: null, scheduleId, administeredAt: at(date, familyClient.timeZone, random), answers: answersNear(family, wellbeing, random) },
        family,
      );
    });
  }

  if (schedules.length) await db.insert(checkinSchedules).values(schedules);
  for (let i = 0; i < administrations.length; i += 500) await db.insert(checkinAdministrations).values(administrations.slice(i, i + 500));
  if (alerts.length) await db.insert(criticalAlerts).values(alerts);
}
