import { staffText } from "@/i18n/staff";

const t = staffText("outcomeLabels");

/**
 * Adherence as it is shown. When nothing has come due there is no rate to give: 0 of 0 is not
 * 100% and not 0%, so every place (caseload, exercises tab, trends, team outcomes, the PDF) shows
 * a dash with these words.
 */
export const NOTHING_DUE = t("nothingDue");

const NO_RATE = t("noRate");
// A caseload formats one rate a row: each percentage is formatted once.
const rates = new Map<number, string>();

export function formatRate(rate: number | null): string {
  if (rate === null) return NO_RATE;
  const percent = Math.round(rate * 100);
  let text = rates.get(percent);
  if (text === undefined) rates.set(percent, (text = t("rate", { percent })));
  return text;
}
