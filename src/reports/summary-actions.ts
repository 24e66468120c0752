"use server";

import { formAction } from "@/lib/action";
import { shareSummary, shareSummarySpec, withdrawSummary, withdrawSummarySpec } from "./summary-share";

const tab = (clientId: string) => `/clients/${clientId}/reports`;

export const shareSummaryAction = formAction(
  { ...shareSummarySpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: "The summary now shows in the client's portal." }) },
  shareSummary,
);

export const withdrawSummaryAction = formAction(
  { ...withdrawSummarySpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: "The summary no longer shows in the portal." }) },
  withdrawSummary,
);
