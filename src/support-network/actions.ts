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

const page = (clientId: string) => `/clients/${clientId}/support`;

export const addContactAction = formAction(
  { ...addContactSpec, revalidate: ({ input }) => [page(input.clientId)], success: ({ input }) => ({ message: `${input.name} was added to the support network.` }) },
  addContact,
);

export const archiveContactAction = formAction(
  { ...archiveContactSpec, revalidate: ({ input }) => [page(input.clientId)], success: () => ({ message: "Removed from the support network; their consent history is kept." }) },
  archiveContact,
);

export const recordConsentAction = formAction(
  { ...recordConsentSpec, revalidate: ({ input }) => [page(input.clientId)], success: () => ({ message: "The consent was recorded." }) },
  recordConsent,
);

export const revokeConsentAction = formAction(
  { ...revokeConsentSpec, revalidate: ({ input }) => [page(input.clientId)], success: () => ({ message: "The consent was revoked." }) },
  revokeConsent,
);
