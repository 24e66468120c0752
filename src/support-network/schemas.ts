import { z } from "zod";
import { consentScope, relationship } from "@/db/schema";
import { staffText } from "@/i18n/staff";
import { localDate, optionalLocalDate, optionalText, requiredText, uuid, version } from "@/lib/zod-fields";

const sv = staffText("supportValidation");

const t = staffText("supportLabels");

export const relationshipLabels: Record<(typeof relationship.enumValues)[number], string> = {
  parent: t("relationshipParent"),
  partner: t("relationshipPartner"),
  spouse: t("relationshipSpouse"),
  child: t("relationshipChild"),
  sibling: t("relationshipSibling"),
  other_family: t("relationshipOtherFamily"),
  friend: t("relationshipFriend"),
  sponsor: t("relationshipSponsor"),
  other: t("relationshipOther"),
};

export const consentScopeLabels: Record<(typeof consentScope.enumValues)[number], string> = {
  nothing: t("consentNothing"),
  attendance_only: t("consentAttendanceOnly"),
  progress_summaries: t("consentProgressSummaries"),
};

const phone = optionalText(40, sv("thePhoneNumber")).refine((v) => v === undefined || /^[+()0-9 .-]{5,40}$/.test(v), sv("enterPhone"));
const email = optionalText(254, sv("theEmail")).refine((v) => v === undefined || z.email().safeParse(v).success, sv("validEmail"));

const contactFields = {
  clientId: uuid(sv("unknownClient")),
  name: requiredText(120, sv("enterPersonName"), sv("theName")),
  relationship: z.enum(relationship.enumValues, { error: sv("chooseRelationship") }),
  phone,
  email,
  isEmergencyContact: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  notes: optionalText(1000, sv("theNotes")),
  // Their own portal's language; blank: the client's. Checked against the shipped ones on the server.
  language: z
    .string()
    .trim()
    .regex(/^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$/, sv("chooseLanguage"))
    .optional()
    .transform((v) => (v ? v : null)),
};

const consentFields = {
  scope: z.enum(consentScope.enumValues, { error: sv("chooseScope") }),
  validFrom: localDate(sv("enterConsentStart")),
  validUntil: optionalLocalDate,
  consentNote: optionalText(500, sv("theNote")),
};

const datesInOrder = (v: { validFrom: string; validUntil?: string }) => !v.validUntil || v.validUntil >= v.validFrom;
const datesMessage = { path: ["validUntil"], message: sv("endOnOrAfterStart") };

export const addContactSchema = z.object({ ...contactFields, ...consentFields }).refine(datesInOrder, datesMessage);
export type AddContactInput = z.infer<typeof addContactSchema>;

export const updateContactSchema = z.object({ ...contactFields, contactId: uuid(sv("unknownPerson")), version });

export const recordConsentSchema = z
  .object({ clientId: uuid(sv("unknownClient")), contactId: uuid(sv("unknownPerson")), ...consentFields })
  .refine(datesInOrder, datesMessage);

export const revokeConsentSchema = z.object({
  clientId: uuid(sv("unknownClient")),
  consentId: uuid(sv("unknownConsent")),
  reason: requiredText(500, sv("sayWhyRevoked"), sv("theReason")),
});

export const archiveContactSchema = z.object({ clientId: uuid(sv("unknownClient")), contactId: uuid(sv("unknownPerson")), version });
