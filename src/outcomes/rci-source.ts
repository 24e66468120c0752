import type { RciParameters } from "@/instruments/reliability";

const dayFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
/** The day the organisation's own values took over (UTC: it is the organisation's, not one client's). */
export const switchDay = (iso: string): string => dayFormat.format(new Date(iso));

/**
 * Where a verdict's reliability (r) and spread (SD) come from, in words, to be printed beside the
 * verdict: a reader must see whether it rests on this organisation's data or on values in the
 * instrument's file (provisional for Attune's own check-ins, published for imported ones).
 */
export function rciSourceText(rci: Pick<RciParameters, "source" | "reason" | "baselines" | "minimum" | "citation" | "switchedAt">): string {
  if (rci.source === "organisation") return `r and SD from this organisation's ${rci.baselines} baselines${rci.switchedAt ? ` (since ${switchDay(rci.switchedAt)}, when its ${rci.minimum}th baseline was taken)` : ""}`;
  if (rci.reason === "published_values") return `r and SD: published values in the instrument file (${rci.citation})`;
  const why = rci.reason === "too_few_baselines" ? `${rci.baselines} of the ${rci.minimum} baselines needed for this organisation's own` : "this organisation's baselines gave no usable values";
  return `r and SD: the instrument file's provisional values (${why})`;
}
