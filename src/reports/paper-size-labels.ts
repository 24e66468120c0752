import type { PaperSize } from "@/db/schema";
import { staffText } from "@/i18n/staff";

const t = staffText("reportLabels");

// The labels alone, for the browser: the form must not pull the action's schema (and zod) in.
export const paperSizeLabels: Record<PaperSize, string> = { letter: t("paperLetter"), a4: t("paperA4") };
