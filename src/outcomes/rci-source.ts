import { staffText } from "@/i18n/staff";
import type { RciParameters } from "@/instruments/reliability";

const t = staffText("outcomeLabels");

const dayFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
/** The day the organisation's own values took over (UTC: it is the organisation's, not one client's). */
export const switchDay = (iso: string): string => dayFormat.format(new Date(iso));

/**
 * Where a verdict's reliability (r) and spread (SD) come from, in words, to be printed beside the
 * verdict: a reader must see whether it rests on this organisation's data or on values in the
 * instrument's file (provisional for Attune's own check-ins, published for imported ones).
 */
export function rciSourceText(rci: Pick<RciParameters, "source" | "reason" | "baselines" | "minimum" | "citation" | "switchedAt">): string {
  if (rci.source === "organisation") {
    return rci.switchedAt
      ? t("rciOrganisationSince", { baselines: rci.baselines, day: switchDay(rci.switchedAt), minimum: rci.minimum })
      : t("rciOrganisation", { baselines: rci.baselines });
  }
  if (rci.reason === "published_values") return t("rciPublished", { citation: rci.citation });
  return rci.reason === "too_few_baselines"
    ? t("rciProvisionalTooFew", { baselines: rci.baselines, minimum: rci.minimum })
    : t("rciProvisionalUnusable");
}
