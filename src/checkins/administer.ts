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
import { staffText } from "@/i18n/staff";
import { translator, type Translate } from "@/i18n/translate";

const kv = staffText("checkinValidation");
// The client's own check-in (tone "client") shows the portal's words, which translateKnownMessage translates.
// Made when needed (a refusal), so loading this module reads no message files.
const portalErrors: Translate = (key, values) => translator("en", "portal.errors")(key, values);
const formWords: Translate = (key, values) => translator("en", "form")(key, values);

export const clinical = ["counselor", "supervisor"] as const;

/** Form field errors for an item are keyed like this, so they never collide with other fields. */
export const answerField = (linkId: string) => `answers.${linkId}`;

export function describeMissingRule(instrument: Instrument): string {
  const rule = instrument.scoring.missing;
  const scored = instrument.items.filter((i) => i.scored).length;
  return rule.rule === "prorate"
    ? kv("prorateRule", { minimum: String(rule.minimumAnswered), scored: String(scored) })
    : kv("noTotalIfUnanswered");
}

/**
 * The support-network member who answers a family check-in, or null for the client's own and
 * counselor-rated ones. Throws a refusal the form can show when the choice does not fit.
 */
export async function respondentContact(db: Db, clientId: string, respondent: Respondent, chosen: string, field: string): Promise<string | null> {
  if (respondent !== "family") {
    if (chosen !== "client") throw new ActionRefused(kv("aboutClient"), { [field]: [kv("chooseClient")] });
    return null;
  }
  const [contact] =
    chosen === "client"
      ? []
      : await db
          .select({ id: supportContacts.id })
          .from(supportContacts)
          .where(and(eq(supportContacts.id, chosen), eq(supportContacts.clientId, clientId), isNull(supportContacts.archivedAt)));
  if (!contact) throw new ActionRefused(kv("forFamily"), { [field]: [kv("chooseFromNetwork")] });
  return contact.id;
}

/** Refuses unreadable answers, and unanswered questions unless the person confirmed them. */
export function checkedAnswers(instrument: Instrument, raw: Record<string, unknown>, allowMissing: boolean, tone: "counselor" | "client") {
  const read = readAnswers(instrument, raw);
  const fieldErrors = Object.fromEntries(Object.entries(read.fieldErrors).map(([id, errors]) => [answerField(id), errors]));
  if (read.formErrors.length || Object.keys(fieldErrors).length) {
    throw new ActionRefused(read.formErrors[0] ?? portalErrors("secondLook"), fieldErrors);
  }
  const { missing } = scoreResponse(instrument, read.answers);
  if (missing.length > 0 && !allowMissing) {
    const message =
      tone === "counselor"
        ? kv("notAnsweredWithRule", { count: missing.length, rule: describeMissingRule(instrument) })
        : missing.length === 1
          ? portalErrors("missingOne")
          : portalErrors("missingMany", { count: String(missing.length) });
    throw new ActionRefused(message, Object.fromEntries(missing.map((id) => [answerField(id), [formWords("notAnswered")]])));
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
    if (!current) throw new ActionRefused(kv("noLongerAvailable"));
    if (version !== undefined && version !== current.instrument.version) {
      throw new ActionRefused(kv("newerVersion"));
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
