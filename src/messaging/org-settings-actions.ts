"use server";

import { formAction } from "@/lib/action";
import { saveMessageSettings, saveMessageSettingsSpec } from "./org-settings";
import { staffText } from "@/i18n/staff";

const mv = staffText("messagingValidation");

export const saveMessageSettingsAction = formAction(
  { ...saveMessageSettingsSpec, revalidate: () => ["/admin/messages"], success: () => ({ message: mv("settingsSaved") }) },
  saveMessageSettings,
);
