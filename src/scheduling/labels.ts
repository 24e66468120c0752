import type { Cadence } from "./cadence";

/** The cadences a counselor chooses from, as the forms name them. */
export const cadenceLabels = { once: "Once", daily: "Every day", weekly: "Every week", weekdays: "On chosen weekdays" } as const;

export type CadenceKind = keyof typeof cadenceLabels;

export const cadenceKinds = Object.keys(cadenceLabels) as [CadenceKind, ...CadenceKind[]];

/** Indexed by weekday number: 0 = Sunday .. 6 = Saturday, as in `Cadence`. */
export const weekdayLabels = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** A cadence in a few words, e.g. "Every Mon, Thu". */
export function describeCadence(cadence: Cadence): string {
  switch (cadence.kind) {
    case "once":
      return "Once";
    case "daily":
      return "Every day";
    case "weekly":
      return "Every week";
    case "weekdays":
      return `Every ${cadence.days.map((d) => weekdayLabels[d]).join(", ")}`;
  }
}
