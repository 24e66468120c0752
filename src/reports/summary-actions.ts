"use server";

import { formAction } from "@/lib/action";
import { shareSummary, shareSummarySpec, withdrawSummary, withdrawSummarySpec } from "./summary-share";
import { staffText } from "@/i18n/staff";

const rv = staffText("reportValidation");

const tab = (clientId: string) => `/clients/${clientId}/reports`;

export const shareSummaryAction = formAction(
  { ...shareSummarySpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: rv("summaryShared") }) },
  shareSummary,
);

export const withdrawSummaryAction = formAction(
  { ...withdrawSummarySpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: rv("summaryWithdrawn") }) },
  withdrawSummary,
);
