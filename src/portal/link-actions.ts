"use server";

import { formAction } from "@/lib/action";
import { createLink, createLinkSpec, revokeLink, revokeLinkSpec } from "./links";
import { staffText } from "@/i18n/staff";

const plv = staffText("portalLinkValidation");

const tab = (clientId: string) => `/clients/${clientId}/exercises`;

export const createLinkAction = formAction(
  {
    ...createLinkSpec,
    revalidate: ({ input }) => [tab(input.clientId)],
    // The token is shown once, now: only its hash is kept.
    success: ({ result }) => ({ message: plv("copyNow"), data: { path: `/p/${result.token}`, linkId: result.id } }),
  },
  createLink,
);

export const revokeLinkAction = formAction(
  { ...revokeLinkSpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: plv("revoked") }) },
  revokeLink,
);
