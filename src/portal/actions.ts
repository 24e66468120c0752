"use server";

import { portalFormAction } from "@/lib/portal-action";
import { submitEntry, submitEntrySpec } from "./entries";

export const submitPortalEntryAction = portalFormAction(submitEntrySpec, submitEntry, (result, t) => ({
  message: result.duplicate ? t("exercise.alreadySaved") : t("exercise.saved"),
}));
