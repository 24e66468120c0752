import type { Instrument } from "@/instruments/fhir-schema";
import { computeChange, type ChangeResult, type ChangeVerdict } from "./change";

export const verdictLabels: Record<ChangeVerdict, string> = {
  recovered: "Recovered",
  improved: "Improved",
  no_reliable_change: "No reliable change",
  deteriorated: "Deteriorated",
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
  return direction === "higher_is_worse" ? "Lower is better ↓" : "Higher is better ↑";
}
