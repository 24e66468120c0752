"use server";

import { formAction } from "@/lib/action";
import {
  addContact,
  addContactSpec,
  archiveContact,
  archiveContactSpec,
  recordConsent,
  recordConsentSpec,
  revokeConsent,
  revokeConsentSpec,
} from "./mutations";
import { staffText } from "@/i18n/staff";

const sv = staffText("supportValidation");

const page = (clientId: string) => `/clients/${clientId}/support`;

export const addContactAction = formAction(
  { ...addContactSpec, revalidate: ({ input }) => [page(input.clientId)], success: ({ input }) => ({ message: sv("added", { name: input.name }) }) },
  addContact,
);

export const archiveContactAction = formAction(
  { ...archiveContactSpec, revalidate: ({ input }) => [page(input.clientId)], success: () => ({ message: sv("archived") }) },
  archiveContact,
);

export const recordConsentAction = formAction(
  { ...recordConsentSpec, revalidate: ({ input }) => [page(input.clientId)], success: () => ({ message: sv("consentRecorded") }) },
  recordConsent,
);

export const revokeConsentAction = formAction(
  { ...revokeConsentSpec, revalidate: ({ input }) => [page(input.clientId)], success: () => ({ message: sv("consentRevoked") }) },
  revokeConsent,
);
