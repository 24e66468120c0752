"use server";

import { formAction } from "@/lib/action";
import { saveMessagingSettings, saveMessagingSettingsSpec, sendLinkNow, sendLinkNowSpec } from "./client-mutations";
import { staffText } from "@/i18n/staff";

const mv = staffText("messagingValidation");

const tab = (clientId: string) => `/clients/${clientId}/exercises`;

export const saveMessagingSettingsAction = formAction(
  {
    ...saveMessagingSettingsSpec,
    revalidate: ({ input }) => [tab(input.clientId), `/clients/${input.clientId}/support`],
    success: ({ result }) => ({ message: result.consentRecorded ? mv("savedConsentRecorded") : mv("saved") }),
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
          ? mv("notSentNoConsent")
          : result.state === "deferred"
            ? mv("quietHoursDeferred")
            : mv("linkOnItsWay"),
    }),
  },
  sendLinkNow,
);
