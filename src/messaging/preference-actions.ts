"use server";

import { formAction } from "@/lib/action";
import { saveAlertPreferences, saveAlertPreferencesSpec } from "./alert-preferences";
import { staffText } from "@/i18n/staff";

const mv = staffText("messagingValidation");

export const saveAlertPreferencesAction = formAction(
  { ...saveAlertPreferencesSpec, revalidate: () => ["/profile"], success: () => ({ message: mv("alertChoicesSaved") }) },
  saveAlertPreferences,
);
