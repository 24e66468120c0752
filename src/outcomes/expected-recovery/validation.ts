/*
 * How well the not-on-track warning works in the organisation's own data, held out by time: the
 * curve is fitted on clients whose baseline came before a cut-off and tried on the clients who
 * started after it and have ended (discharged). A client ended poorly when their last score,
 * against their baseline, shows no reliable improvement (no reliable change or reliable
 * deterioration); well when it shows reliable improvement (improved or recovered).
 */
import type { ChangeVerdict } from "../change";
import { trackVerdict, type CurveFit, type Direction, type FollowUp } from "./model";

/** A warning counts when it came at least this many weeks before the client's last check-in. */
export const LEAD_WEEKS = 2;

export interface HeldOutClient {
  baseline: number;
  /** Scored check-ins after the baseline, oldest first. */
  followUps: FollowUp[];
}

export interface ValidationCounts {
  /** Clients who started after the cut-off, ended, and had at least one check-in after their baseline. */
  tested: number;
  endedPoorly: number;
  /** Of those who ended poorly, flagged not on track at least LEAD_WEEKS before their end. */
  endedPoorlyFlaggedEarly: number;
  endedWell: number;
  /** Of those who ended well, flagged not on track at least LEAD_WEEKS before their end (false alarms). */
  endedWellFlagged: number;
  /** Weeks after the baseline of each flagged client's first flag (sorted), for the median and the chart. */
  firstFlagWeeks: number[];
  medianFirstFlagWeeks: number | null;
  /** Clients the curve could give no verdict for (baseline outside the fitted range). */
  noVerdict: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function validate(fit: CurveFit, direction: Direction, clients: readonly HeldOutClient[], verdictOf: (baseline: number, last: number) => ChangeVerdict): ValidationCounts {
  const counts: ValidationCounts = { tested: 0, endedPoorly: 0, endedPoorlyFlaggedEarly: 0, endedWell: 0, endedWellFlagged: 0, firstFlagWeeks: [], medianFirstFlagWeeks: null, noVerdict: 0 };
  for (const client of clients) {
    const last = client.followUps.at(-1);
    if (!last) continue;
    counts.tested++;
    const verdicts = client.followUps
      .filter((f) => f.weeks <= last.weeks - LEAD_WEEKS)
      .map((f) => ({ weeks: f.weeks, v: trackVerdict(fit, direction, client.baseline, f.weeks, f.score) }));
    if (verdicts.length > 0 && verdicts.every((x) => x.v.status === "no_verdict")) counts.noVerdict++;
    const firstFlag = verdicts.find((x) => x.v.status === "not_on_track");
    const well = ["improved", "recovered"].includes(verdictOf(client.baseline, last.score));
    if (well) {
      counts.endedWell++;
      if (firstFlag) counts.endedWellFlagged++;
    } else {
      counts.endedPoorly++;
      if (firstFlag) counts.endedPoorlyFlaggedEarly++;
    }
    if (firstFlag) counts.firstFlagWeeks.push(firstFlag.weeks);
  }
  counts.firstFlagWeeks.sort((a, b) => a - b);
  counts.medianFirstFlagWeeks = median(counts.firstFlagWeeks);
  return counts;
}
