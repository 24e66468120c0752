"use server";

import { portalFormAction } from "@/lib/portal-action";
import { submitEntry, submitEntrySpec } from "./entries";

export const submitPortalEntryAction = portalFormAction(submitEntrySpec, submitEntry, (result) => ({
  message: result.duplicate ? "This was already saved. Thank you." : "Saved. Thank you for doing this today.",
}));
