import { staffText } from "@/i18n/staff";

const t = staffText("notices");

/**
 * The redisclosure notice every exported client record carries (42 CFR Part 2). Worded for
 * Attune; the PDF prints it at the foot of every page.
 */
export const REDISCLOSURE_NOTICE = t("redisclosure");

/** A short form for places with little room (file headers, the FHIR Bundle's security label). */
export const REDISCLOSURE_SHORT = t("redisclosureShort");
