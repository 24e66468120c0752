import { staffText } from "@/i18n/staff";
import type { Cadence } from "./cadence";

const t = staffText("cadenceLabels");

/** The cadences a counselor chooses from, as the forms name them. */
export const cadenceLabels = { once: t("once"), daily: t("daily"), weekly: t("weekly"), weekdays: t("weekdays") } as const;

export type CadenceKind = keyof typeof cadenceLabels;

export const cadenceKinds = Object.keys(cadenceLabels) as [CadenceKind, ...CadenceKind[]];

/** Indexed by weekday number: 0 = Sunday .. 6 = Saturday, as in `Cadence`. */
export const weekdayLabels = [t("sun"), t("mon"), t("tue"), t("wed"), t("thu"), t("fri"), t("sat")] as const;

/** A cadence in a few words, e.g. "Every Mon, Thu". */
export function describeCadence(cadence: Cadence): string {
  switch (cadence.kind) {
    case "once":
      return cadenceLabels.once;
    case "daily":
      return cadenceLabels.daily;
    case "weekly":
      return cadenceLabels.weekly;
    case "weekdays":
      return t("everyWeekdays", { days: cadence.days.map((d) => weekdayLabels[d]).join(", ") });
  }
}
