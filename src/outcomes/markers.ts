import type { Marker } from "./queries";

/** How each kind of event is marked on a trend chart, on screen and in the PDF report alike. */
export const markerStyle: Record<Marker["kind"], { short: string; dash: string; word: string }> = {
  exercise: { short: "Ex", dash: "2 3", word: "Exercise started" },
  family_support: { short: "Fam", dash: "6 3", word: "Family support session" },
  critical_alert: { short: "Alert", dash: "0", word: "Critical alert" },
};
