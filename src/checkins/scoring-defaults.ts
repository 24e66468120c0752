import type { ScoringDefaults } from "./components/scoring-form";
import type { ImportPreview } from "./import-preview";

const s = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** The scoring form filled from the questionnaire's own extension, or from its reachable range. */
export function scoringDefaults(preview: ImportPreview): ScoringDefaults {
  const scoring = preview.instrument?.scoring;
  if (scoring) {
    const critical = scoring.critical[0];
    return {
      direction: scoring.direction,
      method: scoring.total.method,
      min: s(scoring.total.min),
      max: s(scoring.total.max),
      missingRule: scoring.missing.rule,
      minimumAnswered: scoring.missing.rule === "prorate" ? s(scoring.missing.minimumAnswered) : "",
      bands: scoring.bands.map((b) => ({ from: s(b.from), to: s(b.to), label: b.label })),
      rciSource: scoring.rci.source,
      rciR: s(scoring.rci.r),
      rciSd: s(scoring.rci.sd),
      rciCitation: scoring.rci.citation,
      criticalItem: critical?.linkId ?? "",
      criticalAnswers: critical?.answerCodes.join(", ") ?? "",
      criticalMessage: critical?.message ?? "",
    };
  }
  return {
    direction: "higher_is_worse",
    method: "sum",
    min: s(preview.reachable?.min),
    max: s(preview.reachable?.max),
    missingRule: "invalid",
    minimumAnswered: "",
    bands: [],
    rciSource: "published",
    rciR: "",
    rciSd: "",
    rciCitation: "",
    criticalItem: "",
    criticalAnswers: "",
    criticalMessage: "",
  };
}
