import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { checkinAdministrations, clients, criticalAlerts } from "@/db/schema";
import { alertCounselorOfCriticalAnswer } from "@/messaging/client-messages";
import type { AnswerValue, Instrument } from "@/instruments/fhir-schema";
import { scoreResponse, type ScoreResult } from "@/instruments/scoring";
import { translator } from "@/i18n/translate";
import { ActionRefused, NotFoundError } from "@/lib/errors";

export interface NewAdministration {
  organisationId: string;
  clientId: string;
  contactId: string | null;
  instrument: Instrument;
  answers: Record<string, AnswerValue>;
  mode: "in_session" | "portal";
  administeredBy: string | null;
  scheduleId: string | null;
  idempotencyKey: string;
  /** The language the questions were shown in; the instrument's own when not given. */
  language?: string;
}

export interface RecordedAdministration {
  id: string;
  duplicate: boolean;
  score: ScoreResult;
}

/** The columns of a check-in row that hold its score: one mapping for the app and the seeds. */
export function scoreColumns(score: ScoreResult) {
  return {
    status: score.status,
    total: score.total,
    subscales: score.subscales,
    bandLabel: score.band?.label ?? null,
    bandSeverity: score.band?.severity ?? null,
    answered: score.answered,
    expected: score.expected,
  };
}

/**
 * Stores one check-in: the answers as given, what the scorer made of them and the version that
 * scored them, plus one open alert per critical answer, all on the caller's transaction (so
 * the alerts exist exactly when the check-in does). A second call with the same key stores
 * nothing and returns the first.
 */
export async function recordAdministration(db: Db, input: NewAdministration): Promise<RecordedAdministration> {
  const score = scoreResponse(input.instrument, input.answers);
  const inserted = await db
    .insert(checkinAdministrations)
    .values({
      organisationId: input.organisationId,
      clientId: input.clientId,
      contactId: input.contactId,
      instrumentUrl: input.instrument.url,
      instrumentVersion: input.instrument.version,
      mode: input.mode,
      administeredBy: input.administeredBy,
      scheduleId: input.scheduleId,
      answers: input.answers,
      language: input.language ?? input.instrument.language,
      ...scoreColumns(score),
      idempotencyKey: input.idempotencyKey,
    })
    .onConflictDoNothing()
    .returning({ id: checkinAdministrations.id });
  const row = inserted[0];
  if (!row) {
    const [prior] = await db
      .select({ id: checkinAdministrations.id, clientId: checkinAdministrations.clientId, administeredBy: checkinAdministrations.administeredBy, scheduleId: checkinAdministrations.scheduleId })
      .from(checkinAdministrations)
      .where(and(eq(checkinAdministrations.organisationId, input.organisationId), eq(checkinAdministrations.idempotencyKey, input.idempotencyKey)));
    // Only the same person's repeat is "already saved"; a key replayed by anyone else answers as not found.
    if (!prior || prior.administeredBy !== input.administeredBy || prior.scheduleId !== input.scheduleId) throw new NotFoundError();
    if (prior.clientId !== input.clientId) throw new ActionRefused(translator("en", "portal.errors")("formReused"));
    return { id: prior.id, duplicate: true, score };
  }
  if (score.critical.length > 0) {
    await db.insert(criticalAlerts).values(
      score.critical.map((c) => ({ organisationId: input.organisationId, clientId: input.clientId, administrationId: row.id, linkId: c.linkId, message: c.message })),
    );
    // The counselor hears of it by email at once (initials and a sign-in link, nothing more).
    await alertCounselorOfCriticalAnswer(db, { organisationId: input.organisationId, clientId: input.clientId, administrationId: row.id });
  }
  await db.update(clients).set({ lastContactAt: sql`now()` }).where(eq(clients.id, input.clientId));
  return { id: row.id, duplicate: false, score };
}
