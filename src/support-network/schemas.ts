import { z } from "zod";
import { consentScope, relationship } from "@/db/schema";
import { staffText } from "@/i18n/staff";
import { localDate, optionalLocalDate, optionalText, requiredText, uuid, version } from "@/lib/zod-fields";

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

const phone = optionalText(40, "the phone number").refine((v) => v === undefined || /^[+()0-9 .-]{5,40}$/.test(v), "Enter a phone number (digits, spaces, + ( ) - .).");
const email = optionalText(254, "the email").refine((v) => v === undefined || z.email().safeParse(v).success, "Enter a valid email address.");

const contactFields = {
  clientId: uuid("Unknown client."),
  name: requiredText(120, "Enter the person's name.", "the name"),
  relationship: z.enum(relationship.enumValues, { error: "Choose the relationship." }),
  phone,
  email,
  isEmergencyContact: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  notes: optionalText(1000, "the notes"),
  // Their own portal's language; blank: the client's. Checked against the shipped ones on the server.
  language: z
    .string()
    .trim()
    .regex(/^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$/, "Choose a language from the list.")
    .optional()
    .transform((v) => (v ? v : null)),
};

const consentFields = {
  scope: z.enum(consentScope.enumValues, { error: "Choose what may be shared." }),
  validFrom: localDate("Enter the date the consent starts."),
  validUntil: optionalLocalDate,
  consentNote: optionalText(500, "the note"),
};

const datesInOrder = (v: { validFrom: string; validUntil?: string }) => !v.validUntil || v.validUntil >= v.validFrom;
const datesMessage = { path: ["validUntil"], message: "The end date must be on or after the start date." };

export const addContactSchema = z.object({ ...contactFields, ...consentFields }).refine(datesInOrder, datesMessage);
export type AddContactInput = z.infer<typeof addContactSchema>;

export const updateContactSchema = z.object({ ...contactFields, contactId: uuid("Unknown person."), version });

export const recordConsentSchema = z
  .object({ clientId: uuid("Unknown client."), contactId: uuid("Unknown person."), ...consentFields })
  .refine(datesInOrder, datesMessage);

export const revokeConsentSchema = z.object({
  clientId: uuid("Unknown client."),
  consentId: uuid("Unknown consent."),
  reason: requiredText(500, "Say why the consent is revoked.", "the reason"),
});

export const archiveContactSchema = z.object({ clientId: uuid("Unknown client."), contactId: uuid("Unknown person."), version });
