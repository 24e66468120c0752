"use server";

import { formAction } from "@/lib/action";
import { saveMessagingSettings, saveMessagingSettingsSpec, sendLinkNow, sendLinkNowSpec } from "./client-mutations";

const tab = (clientId: string) => `/clients/${clientId}/exercises`;

export const saveMessagingSettingsAction = formAction(
  {
    ...saveMessagingSettingsSpec,
    revalidate: ({ input }) => [tab(input.clientId), `/clients/${input.clientId}/support`],
    success: ({ result }) => ({ message: result.consentRecorded ? "Saved, and the consent is recorded." : "Saved." }),
  },
  saveMessagingSettings,
);

export const sendLinkNowAction = formAction(
  {
    ...sendLinkNowSpec,
    revalidate: ({ input }) => [tab(input.clientId)],
    success: ({ result }) => ({
      message:
        result.state === "suppressed"
          ? "Not sent: there is no consent to email this person. The attempt is listed below."
          : result.state === "deferred"
            ? "It is quiet hours for this person: the link will go out at their preferred hour."
            : "A new private link is on its way by email.",
    }),
  },
  sendLinkNow,
);
