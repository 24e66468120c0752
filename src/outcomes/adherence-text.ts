/**
 * Adherence as it is shown. When nothing has come due there is no rate to give: 0 of 0 is not
 * 100% and not 0%, so every place (caseload, exercises tab, trends, team outcomes, the PDF) shows
 * a dash with these words.
 */
export const NOTHING_DUE = "nothing due yet";

export function formatRate(rate: number | null): string {
  return rate === null ? `— ${NOTHING_DUE}` : `${Math.round(rate * 100)}%`;
}
