import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { checkinAdministrations, checkinSchedules } from "@/db/schema";
import type { Instrument } from "@/instruments/fhir-schema";
import { localDateOf } from "@/lib/local-date";
import { ActionRefused } from "@/lib/errors";
import type { PortalActionSpec, PortalHandler } from "@/lib/portal-action-core";
import type { PortalHolder } from "@/portal/session";
import { checkedAnswers } from "./administer";
import { dueCheckin, nextOccurrence, openOccurrence, type CheckinSchedule } from "@/scheduling/checkin-window";
import { localizeInstrument, shownLanguage } from "@/instruments/translation";
import { availableInstruments, currentInstrument } from "./instruments";
import { recordAdministration } from "./record";
import { portalCheckinSchema } from "./schemas";
import { isUuid } from "@/lib/ids";
import { translator } from "@/i18n/translate";

const ownSchedules = (holder: PortalHolder) =>
  and(
    eq(checkinSchedules.organisationId, holder.organisationId),
    eq(checkinSchedules.clientId, holder.clientId),
    holder.contactId ? eq(checkinSchedules.contactId, holder.contactId) : isNull(checkinSchedules.contactId),
    eq(checkinSchedules.status, "active"),
  );

const scheduleColumns = {
  id: checkinSchedules.id,
  instrumentUrl: checkinSchedules.instrumentUrl,
  cadence: checkinSchedules.cadence,
  startDate: checkinSchedules.startDate,
  endDate: checkinSchedules.endDate,
  expiryDays: checkinSchedules.expiryDays,
  status: checkinSchedules.status,
};

type Target = { scheduleId: string; schedule: CheckinSchedule; instrument: Instrument };

/**
 * The holder's own active schedule, locked for the rest of the transaction so two different
 * submissions for one due check-in are decided one after the other. A client never reaches a
 * family member's check-in, nor the reverse.
 */
async function loadOwnSchedule(db: Db, holder: PortalHolder, input: { scheduleId: string }): Promise<Target | null> {
  const [row] = await db
    .select(scheduleColumns)
    .from(checkinSchedules)
    .where(and(eq(checkinSchedules.id, input.scheduleId), ownSchedules(holder)))
    .for("update");
  if (!row) return null;
  const current = await currentInstrument(db, holder.organisationId, row.instrumentUrl);
  return current ? { scheduleId: row.id, schedule: row, instrument: current.instrument } : null;
}

async function completedDays(db: Db, holder: PortalHolder, scheduleIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (scheduleIds.length === 0) return out;
  const rows = await db
    .selectDistinctOn([checkinAdministrations.scheduleId], { scheduleId: checkinAdministrations.scheduleId, at: checkinAdministrations.administeredAt })
    .from(checkinAdministrations)
    .where(and(eq(checkinAdministrations.organisationId, holder.organisationId), inArray(checkinAdministrations.scheduleId, [...scheduleIds])))
    .orderBy(checkinAdministrations.scheduleId, desc(checkinAdministrations.administeredAt));
  for (const r of rows) if (r.scheduleId) out.set(r.scheduleId, [localDateOf(new Date(r.at), holder.timeZone)]);
  return out;
}

export type PortalCheckinResult = { id: string; duplicate: boolean; critical: number };

export const submitCheckinSpec: PortalActionSpec<typeof portalCheckinSchema, Target, PortalCheckinResult> = {
  name: "portal.checkin_submit",
  schema: portalCheckinSchema,
  load: loadOwnSchedule,
  audit: ({ holder, record, result }) => ({
    action: result.duplicate ? "portal.checkin_resubmit" : "portal.checkin_submit",
    entityType: "checkin_administration",
    entityId: result.id,
    clientId: holder.clientId,
    detail: { scheduleId: record.scheduleId, instrument: record.instrument.canonical, critical: result.critical, byFamilyMember: holder.contactId !== null },
  }),
};

/** Saves a due check-in once per idempotency key; refused once it is done or its window closed. */
export const submitCheckin: PortalHandler<typeof portalCheckinSchema, Target, PortalCheckinResult> = async ({ db, holder, input, record }) => {
  const [prior] = await db
    .select({ id: checkinAdministrations.id, scheduleId: checkinAdministrations.scheduleId })
    .from(checkinAdministrations)
    .where(and(eq(checkinAdministrations.organisationId, holder.organisationId), eq(checkinAdministrations.idempotencyKey, input.idempotencyKey)));
  if (prior) {
    if (prior.scheduleId !== record.scheduleId) throw new ActionRefused(translator("en", "portal.errors")("formReused"));
    return { id: prior.id, duplicate: true, critical: 0 };
  }
  const today = localDateOf(new Date(), holder.timeZone);
  const done = (await completedDays(db, holder, [record.scheduleId])).get(record.scheduleId) ?? [];
  if (!dueCheckin(record.schedule, done, today)) {
    const open = openOccurrence(record.schedule, today);
    throw new ActionRefused(
      open ? translator("en", "portal.errors")("alreadyDone") : translator("en", "portal.errors")("closedNotSaved"),
    );
  }
  const answers = checkedAnswers(record.instrument, input.answers, input.allowMissing, "client");
  const saved = await recordAdministration(db, {
    organisationId: holder.organisationId,
    clientId: holder.clientId,
    contactId: holder.contactId,
    instrument: record.instrument,
    answers,
    mode: "portal",
    administeredBy: null,
    scheduleId: record.scheduleId,
    idempotencyKey: input.idempotencyKey,
    // Scored on the file's own structure; the language only says which wording was shown.
    language: shownLanguage(record.instrument, holder.language),
  });
  return { id: saved.id, duplicate: saved.duplicate, critical: saved.score.critical.length };
};

export interface PortalDueCheckin {
  scheduleId: string;
  title: string;
  questions: number;
  closesOn: string;
  /** In the language shown (the holder's where the file translates every question, else its own). */
  instrument: Instrument;
  language: string;
}

/** The instrument as the holder sees it: in their language when fully translated. */
function shownTo(holder: PortalHolder, instrument: Instrument): { instrument: Instrument; language: string } {
  const language = shownLanguage(instrument, holder.language);
  return { instrument: localizeInstrument(instrument, language), language };
}

/** The holder's check-ins that are due now (their own only), soonest to close first. */
export async function portalDueCheckins(db: Db, holder: PortalHolder, now = new Date()): Promise<PortalDueCheckin[]> {
  const schedules = await db.select(scheduleColumns).from(checkinSchedules).where(ownSchedules(holder));
  if (schedules.length === 0) return [];
  const [done, available] = await Promise.all([
    completedDays(db, holder, schedules.map((s) => s.id)),
    availableInstruments(db, holder.organisationId),
  ]);
  const byUrl = new Map(available.map((a) => [a.instrument.url, a.instrument]));
  const today = localDateOf(now, holder.timeZone);
  const due: PortalDueCheckin[] = [];
  for (const s of schedules) {
    const original = byUrl.get(s.instrumentUrl);
    const open = original ? dueCheckin(s, done.get(s.id) ?? [], today) : null;
    if (!original || !open) continue;
    const { instrument, language } = shownTo(holder, original);
    const questions = instrument.items.filter((i) => i.type !== "group" && i.type !== "display").length;
    due.push({ scheduleId: s.id, title: instrument.title, questions, closesOn: open.closesOn, instrument, language });
  }
  return due.sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.title.localeCompare(b.title));
}

export type PortalCheckinState =
  | { kind: "due"; checkin: PortalDueCheckin }
  | { kind: "done"; title: string; doneAt: string; critical: boolean; next: string | null }
  | { kind: "closed"; title: string; next: string | null };

/**
 * Where one of the holder's own schedules stands today: due (with the form), done for this
 * round (right after saving, the page says so instead of vanishing), or closed. Null when the
 * schedule is not the holder's or has ended.
 */
export async function portalCheckinState(db: Db, holder: PortalHolder, scheduleId: string, now = new Date()): Promise<PortalCheckinState | null> {
  if (!isUuid(scheduleId)) return null;
  const [schedule] = await db.select(scheduleColumns).from(checkinSchedules).where(and(eq(checkinSchedules.id, scheduleId), ownSchedules(holder)));
  if (!schedule) return null;
  const current = await currentInstrument(db, holder.organisationId, schedule.instrumentUrl);
  if (!current) return null;
  const { instrument, language } = shownTo(holder, current.instrument);
  const [last] = await db
    .select({
      at: checkinAdministrations.administeredAt,
      critical: sql<number>`(select count(*)::int from critical_alerts a where a.administration_id = ${checkinAdministrations.id})`,
    })
    .from(checkinAdministrations)
    .where(and(eq(checkinAdministrations.organisationId, holder.organisationId), eq(checkinAdministrations.scheduleId, schedule.id)))
    .orderBy(desc(checkinAdministrations.administeredAt))
    .limit(1);
  const today = localDateOf(now, holder.timeZone);
  const lastDay = last ? localDateOf(new Date(last.at), holder.timeZone) : null;
  const due = dueCheckin(schedule, lastDay ? [lastDay] : [], today);
  const next = nextOccurrence(schedule, today);
  if (due) {
    const questions = instrument.items.filter((i) => i.type !== "group" && i.type !== "display").length;
    return { kind: "due", checkin: { scheduleId: schedule.id, title: instrument.title, questions, closesOn: due.closesOn, instrument, language } };
  }
  const open = openOccurrence(schedule, today);
  if (open && last && lastDay && lastDay >= open.date) {
    return { kind: "done", title: instrument.title, doneAt: new Date(last.at).toISOString(), critical: Number(last.critical) > 0, next };
  }
  return { kind: "closed", title: instrument.title, next };
}
