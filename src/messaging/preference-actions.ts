"use server";

import { formAction } from "@/lib/action";
import { saveAlertPreferences, saveAlertPreferencesSpec } from "./alert-preferences";

export const saveAlertPreferencesAction = formAction(
  { ...saveAlertPreferencesSpec, revalidate: () => ["/profile"], success: () => ({ message: "Your alert choices were saved." }) },
  saveAlertPreferences,
);
