"use server";

import { formAction } from "@/lib/action";
import { saveMessageSettings, saveMessageSettingsSpec } from "./org-settings";

export const saveMessageSettingsAction = formAction(
  { ...saveMessageSettingsSpec, revalidate: () => ["/admin/messages"], success: () => ({ message: "The message settings were saved." }) },
  saveMessageSettings,
);
