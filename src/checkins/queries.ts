import "server-only";
import { BY_CLIENT } from "@/checkins/catalog";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/auth/actor";
import { visibleClients } from "@/clients/access";
import type { Db } from "@/db/client";
import { checkinAdministrations, checkinSchedules, clients, criticalAlerts, supportContacts, users } from "@/db/schema";
import type { AnswerValue, Direction } from "@/instruments/fhir-schema";
import { enabledLinkIds, scoreResponse } from "@/instruments/scoring";
import { localDateOf } from "@/lib/local-date";
import { answerText, answerWeight } from "./answers";
import { attuneNotice } from "./catalog";
import { dueCheckin, nextOccurrence } from "@/scheduling/checkin-window";
import { localizeInstrument } from "@/instruments/translation";
import { availableInstruments, instrumentVersions } from "./instruments";
import { isUuid } from "@/lib/ids";
import { staffText } from "@/i18n/staff";

const words = staffText("checkinLabels");

/** Open critical alerts for a client the actor may see; 0 when they may not see the client. */
export async function openAlertCount(db: Db, actor: Actor, clientId: string): Promise<number> {
  if (!isUuid(clientId)) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(criticalAlerts)
    .innerJoin(clients, eq(clients.id, criticalAlerts.clientId))
    .where(and(eq(criticalAlerts.organisationId, actor.organisationId), eq(criticalAlerts.clientId, clientId), isNull(criticalAlerts.acknowledgedAt), visibleClients(actor)));
  return Number(row?.n ?? 0);
}

export interface OpenAlert {
  id: string;
  administrationId: string;
  message: string;
  raisedAt: string;
  instrumentTitle: string;
  byName: string;
}

/** The caller has checked that the actor may see the client. */
export async function listOpenAlerts(db: Db, actor: Actor, clientId: string): Promise<OpenAlert[]> {
  const rows = await db
    .select({
      id: criticalAlerts.id,
      administrationId: criticalAlerts.administrationId,
      message: criticalAlerts.message,
      raisedAt: criticalAlerts.raisedAt,
      url: checkinAdministrations.instrumentUrl,
      version: checkinAdministrations.instrumentVersion,
      contactName: supportContacts.name,
    })
    .from(criticalAlerts)
    .innerJoin(checkinAdministrations, eq(checkinAdministrations.id, criticalAlerts.administrationId))
    .leftJoin(supportContacts, eq(supportContacts.id, checkinAdministrations.contactId))
    .where(and(eq(criticalAlerts.organisationId, actor.organisationId), eq(criticalAlerts.clientId, clientId), isNull(criticalAlerts.acknowledgedAt)))
    .orderBy(desc(criticalAlerts.raisedAt));
  const instruments = await instrumentVersions(db, actor.organisationId, rows);
  const someCheckin = words("someCheckin");
  return rows.map((r) => ({
    id: r.id,
    administrationId: r.administrationId,
    message: r.message,
    raisedAt: new Date(r.raisedAt).toISOString(),
    instrumentTitle: instruments.get(`${r.url}|${r.version}`)?.title ?? someCheckin,
    byName: r.contactName ?? BY_CLIENT,
  }));
}

export interface HistoryRow {
  id: string;
  url: string;
  contactId: string | null;
  administeredAt: string;
  title: string;
  version: string;
  byName: string;
  mode: "in_session" | "portal";
  status: "complete" | "prorated" | "invalid";
  total: number | null;
  max: number | null;
  band: { label: string; severity: number } | null;
  answered: number;
  expected: number;
  /** Against the previous scored check-in on the same instrument by the same person. */
  change: { delta: number; verdict: "better" | "worse" | "same" } | null;
  alerts: number;
  notice: string | null;
}

function verdictOf(delta: number, direction: Direction | null): "better" | "worse" | "same" {
  if (delta === 0 || direction === null) return "same";
  return (delta < 0) === (direction === "higher_is_worse") ? "better" : "worse";
}

/** A client's check-ins, newest first, with the change since the one before. */
export async function listHistory(db: Db, actor: Actor, clientId: string, options: { url?: string; limit?: number } = {}): Promise<HistoryRow[]> {
  const rows = await db
    .select({
      id: checkinAdministrations.id,
      url: checkinAdministrations.instrumentUrl,
      version: checkinAdministrations.instrumentVersion,
      contactId: checkinAdministrations.contactId,
      contactName: supportContacts.name,
      mode: checkinAdministrations.mode,
      administeredAt: checkinAdministrations.administeredAt,
      status: checkinAdministrations.status,
      total: checkinAdministrations.total,
      bandLabel: checkinAdministrations.bandLabel,
      bandSeverity: checkinAdministrations.bandSeverity,
      answered: checkinAdministrations.answered,
      expected: checkinAdministrations.expected,
      alerts: sql<number>`(select count(*)::int from critical_alerts a where a.administration_id = ${checkinAdministrations.id})`,
    })
    .from(checkinAdministrations)
    .leftJoin(supportContacts, eq(supportContacts.id, checkinAdministrations.contactId))
    .where(
      and(
        eq(checkinAdministrations.organisationId, actor.organisationId),
        eq(checkinAdministrations.clientId, clientId),
        options.url ? eq(checkinAdministrations.instrumentUrl, options.url) : undefined,
      ),
    )
    .orderBy(desc(checkinAdministrations.administeredAt))
    .limit(options.limit ?? 400);
  const instruments = await instrumentVersions(db, actor.organisationId, rows);
  const previous = new Map<string, number>();
  const out: HistoryRow[] = [];
  for (const r of [...rows].reverse()) {
    const instrument = instruments.get(`${r.url}|${r.version}`);
    const series = `${r.url}|${r.contactId ?? ""}`;
    const before = previous.get(series);
    const delta = r.total !== null && before !== undefined ? Math.round((r.total - before) * 100) / 100 : null;
    if (r.total !== null) previous.set(series, r.total);
    out.push({
      id: r.id,
      url: r.url,
      contactId: r.contactId,
      administeredAt: new Date(r.administeredAt).toISOString(),
      title: instrument?.title ?? r.url,
      version: r.version,
      byName: r.contactName ?? BY_CLIENT,
      mode: r.mode,
      status: r.status,
      total: r.total,
      max: instrument?.scoring.total.max ?? null,
      band: r.bandLabel !== null ? { label: r.bandLabel, severity: r.bandSeverity ?? 0 } : null,
      answered: r.answered,
      expected: r.expected,
      change: delta === null ? null : { delta, verdict: verdictOf(delta, instrument?.scoring.direction ?? null) },
      alerts: Number(r.alerts),
      notice: instrument ? attuneNotice(instrument) : null,
    });
  }
  return out.reverse();
}

const acknowledger = alias(users, "acknowledger");

/** One check-in at item level (item text, answer text, weight), with its alerts. Null when not this client's. */
export async function openAdministration(db: Db, actor: Actor, clientId: string, administrationId: string) {
  if (!isUuid(administrationId)) return null;
  const [row] = await db
    .select({
      id: checkinAdministrations.id,
      url: checkinAdministrations.instrumentUrl,
      version: checkinAdministrations.instrumentVersion,
      mode: checkinAdministrations.mode,
      answers: checkinAdministrations.answers,
      language: checkinAdministrations.language,
      status: checkinAdministrations.status,
      total: checkinAdministrations.total,
      subscales: checkinAdministrations.subscales,
      bandLabel: checkinAdministrations.bandLabel,
      bandSeverity: checkinAdministrations.bandSeverity,
      answered: checkinAdministrations.answered,
      expected: checkinAdministrations.expected,
      administeredAt: checkinAdministrations.administeredAt,
      contactName: supportContacts.name,
      administeredByName: users.name,
    })
    .from(checkinAdministrations)
    .leftJoin(supportContacts, eq(supportContacts.id, checkinAdministrations.contactId))
    .leftJoin(users, eq(users.id, checkinAdministrations.administeredBy))
    .where(and(eq(checkinAdministrations.id, administrationId), eq(checkinAdministrations.clientId, clientId), eq(checkinAdministrations.organisationId, actor.organisationId)));
  if (!row) return null;
  const [instruments, alerts] = await Promise.all([
    instrumentVersions(db, actor.organisationId, [row]),
    db
      .select({
        id: criticalAlerts.id,
        message: criticalAlerts.message,
        linkId: criticalAlerts.linkId,
        raisedAt: criticalAlerts.raisedAt,
        acknowledgedAt: criticalAlerts.acknowledgedAt,
        note: criticalAlerts.acknowledgementNote,
        acknowledgedBy: acknowledger.name,
      })
      .from(criticalAlerts)
      .leftJoin(acknowledger, eq(acknowledger.id, criticalAlerts.acknowledgedBy))
      .where(and(eq(criticalAlerts.administrationId, row.id), eq(criticalAlerts.organisationId, actor.organisationId)))
      .orderBy(asc(criticalAlerts.raisedAt)),
  ]);
  const instrument = instruments.get(`${row.url}|${row.version}`) ?? null;
  const answers = row.answers as Record<string, AnswerValue>;
  const recomputed = instrument ? scoreResponse(instrument, answers) : null;
  const enabled = instrument ? enabledLinkIds(instrument, answers) : new Set<string>();
  // The wording the person saw, when it was a translation: the counselor reads both.
  const shown = instrument && row.language !== instrument.language ? localizeInstrument(instrument, row.language) : null;
  const shownItems = new Map((shown?.items ?? []).map((i) => [i.linkId, i]));
  return {
    ...row,
    administeredAt: new Date(row.administeredAt).toISOString(),
    byName: row.contactName ?? BY_CLIENT,
    instrument,
    notice: instrument ? attuneNotice(instrument) : null,
    // The stored score checked against the answers and the version that scored them.
    verified: recomputed !== null && recomputed.status === row.status && recomputed.total === row.total,
    missing: recomputed?.missing ?? [],
    items: (instrument?.items ?? []).map((i) => ({
        linkId: i.linkId,
        asked: enabled.has(i.linkId),
        type: i.type,
        text: i.text,
        parentLinkId: i.parentLinkId,
        answer: answerText(i, answers[i.linkId]),
        shownText: shownItems.get(i.linkId)?.text ?? null,
        shownAnswer: shownItems.has(i.linkId) ? answerText(shownItems.get(i.linkId)!, answers[i.linkId]) : null,
        weight: answerWeight(i, answers[i.linkId]),
        scored: i.scored,
        range: i.weightRange,
      })),
    alerts: alerts.map((a) => ({
      ...a,
      raisedAt: new Date(a.raisedAt).toISOString(),
      acknowledgedAt: a.acknowledgedAt ? new Date(a.acknowledgedAt).toISOString() : null,
    })),
  };
}

export interface ScheduleView {
  id: string;
  title: string;
  byName: string;
  cadence: (typeof checkinSchedules.$inferSelect)["cadence"];
  startDate: string;
  endDate: string | null;
  expiryDays: number;
  version: number;
  state: { kind: "due"; closesOn: string } | { kind: "next"; on: string } | { kind: "finished" };
}

export async function listSchedules(db: Db, actor: Actor, clientId: string, timeZone: string, now = new Date()): Promise<ScheduleView[]> {
  const rows = await db
    .select({
      id: checkinSchedules.id,
      url: checkinSchedules.instrumentUrl,
      contactName: supportContacts.name,
      cadence: checkinSchedules.cadence,
      startDate: checkinSchedules.startDate,
      endDate: checkinSchedules.endDate,
      expiryDays: checkinSchedules.expiryDays,
      status: checkinSchedules.status,
      version: checkinSchedules.version,
    })
    .from(checkinSchedules)
    .leftJoin(supportContacts, eq(supportContacts.id, checkinSchedules.contactId))
    .where(and(eq(checkinSchedules.organisationId, actor.organisationId), eq(checkinSchedules.clientId, clientId), eq(checkinSchedules.status, "active")))
    .orderBy(asc(checkinSchedules.createdAt));
  if (rows.length === 0) return [];
  const [last, available] = await Promise.all([
    db
      .selectDistinctOn([checkinAdministrations.scheduleId], { scheduleId: checkinAdministrations.scheduleId, at: checkinAdministrations.administeredAt })
      .from(checkinAdministrations)
      .where(and(eq(checkinAdministrations.organisationId, actor.organisationId), inArray(checkinAdministrations.scheduleId, rows.map((r) => r.id))))
      .orderBy(checkinAdministrations.scheduleId, desc(checkinAdministrations.administeredAt)),
    availableInstruments(db, actor.organisationId),
  ]);
  const titles = new Map(available.map((a) => [a.instrument.url, a.instrument.title]));
  const today = localDateOf(now, timeZone);
  return rows.map((r) => {
    const done = last.filter((l) => l.scheduleId === r.id).map((l) => localDateOf(new Date(l.at), timeZone));
    const due = dueCheckin(r, done, today);
    const next = nextOccurrence(r, today);
    return {
      id: r.id,
      title: titles.get(r.url) ?? r.url,
      byName: r.contactName ?? BY_CLIENT,
      cadence: r.cadence,
      startDate: r.startDate,
      endDate: r.endDate,
      expiryDays: r.expiryDays,
      version: r.version,
      state: due ? { kind: "due", closesOn: due.closesOn } : next ? { kind: "next", on: next } : { kind: "finished" },
    };
  });
}

/** The check-ins a counselor can take or send, for the forms. */
export async function instrumentChoices(db: Db, actor: Actor) {
  const available = await availableInstruments(db, actor.organisationId);
  return available.map((a) => ({ url: a.instrument.url, canonical: a.instrument.canonical, title: a.instrument.title, respondent: a.respondent, origin: a.origin }));
}
