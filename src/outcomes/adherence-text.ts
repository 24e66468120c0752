import { staffText } from "@/i18n/staff";

const t = staffText("outcomeLabels");

/**
 * Adherence as it is shown. When nothing has come due there is no rate to give: 0 of 0 is not
 * 100% and not 0%, so every place (caseload, exercises tab, trends, team outcomes, the PDF) shows
 * a dash with these words.
 */
export const NOTHING_DUE = t("nothingDue");

export function formatRate(rate: number | null): string {
  return rate === null ? t("noRate") : t("rate", { percent: Math.round(rate * 100) });
}
