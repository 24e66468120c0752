import { staffText } from "@/i18n/staff";

const t = staffText("clientLabels");

/** Words for the client enums: plain data, safe in client components (no zod, no schema). */
export const focusLabels = { substance_use: t("focusSubstanceUse"), trauma: t("focusTrauma"), both: t("focusBoth") } as const;
export const statusLabels = { intake: t("statusIntake"), active: t("statusActive"), on_hold: t("statusOnHold"), discharged: t("statusDischarged") } as const;
