import { staffText } from "@/i18n/staff";
import type { Marker } from "./queries";

const t = staffText("outcomeLabels");

/** How each kind of event is marked on a trend chart, on screen and in the PDF report alike. */
export const markerStyle: Record<Marker["kind"], { short: string; dash: string; word: string }> = {
  exercise: { short: t("markerExerciseShort"), dash: "2 3", word: t("markerExercise") },
  family_support: { short: t("markerFamilySupportShort"), dash: "6 3", word: t("markerFamilySupport") },
  critical_alert: { short: t("markerCriticalAlertShort"), dash: "0", word: t("markerCriticalAlert") },
};
