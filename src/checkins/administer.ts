import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { findVisibleClientId } from "@/clients/access";
import type { Db } from "@/db/client";
import { supportContacts } from "@/db/schema";
import type { Instrument } from "@/instruments/fhir-schema";
import { scoreResponse } from "@/instruments/scoring";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { readAnswers } from "./answers";
import type { Respondent } from "./catalog";
import { currentInstrument } from "./instruments";
import { recordAdministration, type RecordedAdministration } from "./record";
import { administerSchema } from "./schemas";

export const clinical = ["counselor", "supervisor"] as const;

/** Form field errors for an item are keyed like this, so they never collide with other fields. */
export const answerField = (linkId: string) => `answers.${linkId}`;

export function describeMissingRule(instrument: Instrument): string {
  const rule = instrument.scoring.missing;
  const scored = instrument.items.filter((i) => i.scored).length;
  return rule.rule === "prorate"
    ? `the total is scaled up from the answered questions when at least ${rule.minimumAnswered} of ${scored} are answered; otherwise there is no total`
    : "any unanswered question means there is no total for this check-in";
}

/**
 * The support-network member who answers a family check-in, or null for the client's own and
 * counselor-rated ones. Throws a refusal the form can show when the choice does not fit.
 */
export async function respondentContact(db: Db, clientId: string, respondent: Respondent, chosen: string, field: string): Promise<string | null> {
  if (respondent !== "family") {
    if (chosen !== "client") throw new ActionRefused("This check-in is about the client.", { [field]: ["Choose the client."] });
    return null;
  }
  const [contact] =
    chosen === "client"
      ? []
      : await db
          .select({ id: supportContacts.id })
          .from(supportContacts)
          .where(and(eq(supportContacts.id, chosen), eq(supportContacts.clientId, clientId), isNull(supportContacts.archivedAt)));
  if (!contact) throw new ActionRefused("This check-in is for a family member or supporter.", { [field]: ["Choose someone from the support network."] });
  return contact.id;
}

/** Refuses unreadable answers, and unanswered questions unless the person confirmed them. */
export function checkedAnswers(instrument: Instrument, raw: Record<string, unknown>, allowMissing: boolean, tone: "counselor" | "client") {
  const read = readAnswers(instrument, raw);
  const fieldErrors = Object.fromEntries(Object.entries(read.fieldErrors).map(([id, errors]) => [answerField(id), errors]));
  if (read.formErrors.length || Object.keys(fieldErrors).length) {
    throw new ActionRefused(read.formErrors[0] ?? "Some answers need a second look: see the messages next to them.", fieldErrors);
  }
  const { missing } = scoreResponse(instrument, read.answers);
  if (missing.length > 0 && !allowMissing) {
    const n = missing.length === 1 ? "1 question is" : `${missing.length} questions are`;
    const message =
      tone === "counselor"
        ? `${n} not answered. Answer ${missing.length === 1 ? "it" : "them"}, or tick “Save with unanswered questions”: ${describeMissingRule(instrument)}.`
        : `${n} not answered yet. You can answer ${missing.length === 1 ? "it" : "them"}, or tick “Save without ${missing.length === 1 ? "it" : "them"}”.`;
    throw new ActionRefused(message, Object.fromEntries(missing.map((id) => [answerField(id), ["Not answered."]])));
  }
  return read.answers;
}

type Target = { clientId: string; instrument: Instrument; contactId: string | null };

export const administerSpec: ActionSpec<typeof administerSchema, Target, RecordedAdministration> = {
  name: "checkin.administer",
  schema: administerSchema,
  roles: clinical,
  load: async (db, actor: Actor, input) => {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    if (!clientId) return null;
    const [url = "", version] = input.instrument.split("|");
    const current = await currentInstrument(db, actor.organisationId, url);
    if (!current) throw new ActionRefused("This check-in is no longer available.");
    if (version !== undefined && version !== current.instrument.version) {
      throw new ActionRefused("A newer version of this check-in was published while this page was open. Reload the page to use it.");
    }
    const contactId = await respondentContact(db, clientId, current.respondent, input.respondent, "respondent");
    return { clientId, instrument: current.instrument, contactId };
  },
  audit: ({ record, result }) => ({
    action: result.duplicate ? "checkin.resubmit" : "checkin.administer",
    entityType: "checkin_administration",
    entityId: result.id,
    clientId: record.clientId,
    detail: {
      instrument: record.instrument.canonical,
      mode: "in_session",
      status: result.score.status,
      critical: result.score.critical.length,
      forFamilyMember: record.contactId !== null,
    },
  }),
};

export const administer: Handler<typeof administerSchema, Target, RecordedAdministration> = async ({ db, actor, input, record }) => {
  const answers = checkedAnswers(record.instrument, input.answers, input.allowMissing, "counselor");
  return recordAdministration(db, {
    organisationId: actor.organisationId,
    clientId: record.clientId,
    contactId: record.contactId,
    instrument: record.instrument,
    answers,
    mode: "in_session",
    administeredBy: actor.userId,
    scheduleId: null,
    idempotencyKey: input.idempotencyKey,
  });
};
