/*
 * Reliable change and clinically significant change after Jacobson & Truax (1991).
 */
import type { Direction } from "@/instruments/fhir-schema";

export type { Direction };
export type ChangeVerdict = "recovered" | "improved" | "no_reliable_change" | "deteriorated";
export type CutoffMethod = "c" | "a" | "b";

export interface NormInput {
  mean: number;
  sd: number;
}

export interface ChangeInput {
  pre: number;
  post: number;
  /** Standard deviation of the measure (baseline spread). */
  sd: number;
  /** Reliability of the measure (e.g. Cronbach's alpha or test-retest r). */
  r: number;
  direction: Direction;
  norms?: { functional?: NormInput | null; dysfunctional?: NormInput | null } | null;
}

export interface ChangeResult {
  pre: number;
  post: number;
  sd: number;
  r: number;
  direction: Direction;
  /** post − pre */
  difference: number;
  /** Standard error of measurement: SD · √(1 − r). */
  se: number;
  /** Standard error of the difference: √2 · S_E. */
  sdiff: number;
  /** (post − pre) / S_diff */
  rci: number;
  /** |RCI| ≥ 1.96 */
  reliable: boolean;
  /** Clinical cut-off between the dysfunctional and functional ranges; null without norms. */
  cutoff: number | null;
  cutoffMethod: CutoffMethod | null;
  /** Whether pre lies on the dysfunctional side and post on the functional side of the cut-off. */
  crossedCutoff: boolean;
  verdict: ChangeVerdict;
}

export const RELIABLE_CHANGE_THRESHOLD = 1.96;

// RCI values such as 19.6 / 10.000000000000002 fall a hair short of 1.96 through float rounding.
const EPSILON = 1e-9;

function check(name: string, value: number, valid: boolean) {
  if (!Number.isFinite(value) || !valid) throw new RangeError(`${name} is out of range: ${value}`);
}

export function clinicalCutoff(
  direction: Direction,
  norms: ChangeInput["norms"],
): { cutoff: number; method: CutoffMethod } | null {
  const functional = norms?.functional ?? null;
  const dysfunctional = norms?.dysfunctional ?? null;
  // Toward the functional side: down on a higher-is-worse scale, up on a higher-is-better one.
  const towardFunctional = direction === "higher_is_worse" ? -1 : 1;
  if (functional && dysfunctional) {
    const cutoff =
      (functional.sd * dysfunctional.mean + dysfunctional.sd * functional.mean) / (functional.sd + dysfunctional.sd);
    return { cutoff, method: "c" };
  }
  if (dysfunctional) return { cutoff: dysfunctional.mean + towardFunctional * 2 * dysfunctional.sd, method: "a" };
  if (functional) return { cutoff: functional.mean - towardFunctional * 2 * functional.sd, method: "b" };
  return null;
}

export function computeChange(input: ChangeInput): ChangeResult {
  const { pre, post, sd, r, direction } = input;
  check("pre", pre, true);
  check("post", post, true);
  check("sd", sd, sd > 0);
  check("r", r, r >= 0 && r < 1);
  for (const [name, norm] of Object.entries(input.norms ?? {})) {
    if (norm) {
      check(`${name} mean`, norm.mean, true);
      check(`${name} sd`, norm.sd, norm.sd > 0);
    }
  }

  const se = sd * Math.sqrt(1 - r);
  const sdiff = Math.SQRT2 * se;
  const difference = post - pre;
  const rci = difference / sdiff;
  const reliable = Math.abs(rci) >= RELIABLE_CHANGE_THRESHOLD - EPSILON;
  const improved = reliable && (direction === "higher_is_worse" ? rci < 0 : rci > 0);
  const worse = reliable && !improved;

  const cut = clinicalCutoff(direction, input.norms);
  const functionalSide = (score: number) =>
    cut !== null && (direction === "higher_is_worse" ? score < cut.cutoff : score > cut.cutoff);
  const crossedCutoff = cut !== null && !functionalSide(pre) && functionalSide(post);

  const verdict: ChangeVerdict = improved
    ? crossedCutoff
      ? "recovered"
      : "improved"
    : worse
      ? "deteriorated"
      : "no_reliable_change";

  return {
    pre,
    post,
    sd,
    r,
    direction,
    difference,
    se,
    sdiff,
    rci,
    reliable,
    cutoff: cut?.cutoff ?? null,
    cutoffMethod: cut?.method ?? null,
    crossedCutoff,
    verdict,
  };
}
