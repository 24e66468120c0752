import type { Instrument } from "@/instruments/fhir-schema";
import { staffText } from "@/i18n/staff";
import { computeChange, type ChangeResult, type ChangeVerdict } from "./change";

const t = staffText("outcomeLabels");

export const verdictLabels: Record<ChangeVerdict, string> = {
  recovered: t("verdictRecovered"),
  improved: t("verdictImproved"),
  no_reliable_change: t("verdictNoReliableChange"),
  deteriorated: t("verdictDeteriorated"),
};

export const verdictTones: Record<ChangeVerdict, "ok" | "brand" | "neutral" | "danger"> = {
  recovered: "ok",
  improved: "brand",
  no_reliable_change: "neutral",
  deteriorated: "danger",
};

/** Baseline versus latest for one instrument with the given reliability and spread. */
export function changeFor(instrument: Pick<Instrument, "scoring">, params: { r: number; sd: number }, pre: number, post: number): ChangeResult {
  const { functional, dysfunctional } = instrument.scoring.norms;
  return computeChange({
    pre,
    post,
    sd: params.sd,
    r: params.r,
    direction: instrument.scoring.direction,
    norms: {
      functional: functional ? { mean: functional.mean, sd: functional.sd } : null,
      dysfunctional: dysfunctional ? { mean: dysfunctional.mean, sd: dysfunctional.sd } : null,
    },
  });
}

export function betterDirectionText(direction: Instrument["scoring"]["direction"]): string {
  return direction === "higher_is_worse" ? t("lowerIsBetterArrow") : t("higherIsBetterArrow");
}
