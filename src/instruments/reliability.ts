import type { Answers, Instrument } from "./fhir-schema";
import { answeredWeights, scoreResponse } from "./scoring";

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1);
}

/** Sample standard deviation (n − 1 in the denominator). */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) throw new RangeError("standard deviation needs at least 2 values");
  if (!values.every(Number.isFinite)) throw new RangeError("standard deviation needs finite values");
  return Math.sqrt(sampleVariance(values));
}

/**
 * Cronbach's alpha for a matrix with one row per respondent and one column per item:
 * α = k/(k − 1) · (1 − Σ var(item) / var(total)), with sample variances.
 */
export function cronbachAlpha(matrix: readonly (readonly number[])[]): number {
  const k = matrix[0]?.length ?? 0;
  if (matrix.length < 2) throw new RangeError("Cronbach's alpha needs at least 2 respondents");
  if (k < 2) throw new RangeError("Cronbach's alpha needs at least 2 items");
  if (matrix.some((row) => row.length !== k || !row.every(Number.isFinite))) {
    throw new RangeError("every row needs the same number of finite item scores");
  }
  const itemVariances = Array.from({ length: k }, (_, j) => sampleVariance(matrix.map((row) => row[j] ?? 0)));
  const totalVariance = sampleVariance(matrix.map((row) => row.reduce((a, b) => a + b, 0)));
  if (totalVariance === 0) throw new RangeError("Cronbach's alpha is undefined when every total is the same");
  return (k / (k - 1)) * (1 - itemVariances.reduce((a, b) => a + b, 0) / totalVariance);
}

export interface RciParameters {
  r: number;
  sd: number;
  /** `organisation`: computed from this organisation's baselines; `instrument`: the file's values. */
  source: "organisation" | "instrument";
  /** Why this source was used. */
  reason: "organisation_data" | "too_few_baselines" | "published_values" | "degenerate_data";
  /** Usable complete baselines found (every scored item enabled and answered). */
  baselines: number;
  minimum: number;
  /** Where the values come from, in words. */
  citation: string;
  /**
   * With the organisation's own values: when the `minimum`-th usable baseline was taken (an ISO
   * instant), the moment the organisation crossed the threshold and its own values replaced the
   * file's. Absent when the dates were not given.
   */
  switchedAt?: string;
}

/**
 * Reliability (Cronbach's alpha of the baselines) and spread (sample SD of baseline totals) for the
 * reliable change index. The organisation's own values are used once `minimum` complete baselines
 * exist and the instrument asks for them; otherwise the instrument's own values are used.
 */
export function deriveRciParameters(
  instrument: Instrument,
  rows: readonly Answers[],
  minimum = 30,
  /** When each row was taken (same order as `rows`), to date the switch to the organisation's values. */
  takenAt: readonly string[] = [],
): RciParameters {
  const defaults = instrument.scoring.rci;
  const scoredIds = instrument.items.filter((i) => i.scored).map((i) => i.linkId);
  const matrix: number[][] = [];
  const totals: number[] = [];
  const dates: string[] = [];
  for (const [index, answers] of rows.entries()) {
    const result = scoreResponse(instrument, answers);
    // Alpha needs every respondent on the same items, so baselines with disabled items are left out.
    if (result.status !== "complete" || result.total === null || result.expected !== scoredIds.length) continue;
    const weights = answeredWeights(instrument, answers);
    matrix.push(scoredIds.map((id) => weights.get(id) ?? 0));
    totals.push(result.total);
    const at = takenAt[index];
    if (at !== undefined) dates.push(new Date(at).toISOString());
  }

  const fallback = (reason: RciParameters["reason"]): RciParameters => ({
    r: defaults.r,
    sd: defaults.sd,
    source: "instrument",
    reason,
    baselines: totals.length,
    minimum,
    citation: defaults.citation,
  });

  if (defaults.source === "published") return fallback("published_values");
  if (totals.length < Math.max(minimum, 2)) return fallback("too_few_baselines");
  const sd = standardDeviation(totals);
  let r: number;
  try {
    r = cronbachAlpha(matrix);
  } catch {
    return fallback("degenerate_data");
  }
  // A reliability outside [0, 1) makes the standard error meaningless, and one within float noise
  // of 1 (items moving in lock-step) makes it zero, so any change would look reliable.
  if (!(r >= 0 && r < 1 - 1e-9) || !(sd > 0)) return fallback("degenerate_data");
  return {
    r,
    sd,
    source: "organisation",
    reason: "organisation_data",
    baselines: totals.length,
    minimum,
    citation: `Computed from ${totals.length} complete baseline check-ins in this organisation.`,
    ...(dates.length === totals.length ? { switchedAt: dates.sort()[Math.max(minimum, 2) - 1] } : {}),
  };
}
