import { staffText } from "@/i18n/staff";

/** Caseload triage: which flags a client raises, and the order that puts the most urgent first. */
export const FLAGS = ["critical_alert", "deterioration", "not_on_track", "no_checkin", "missed_exercises"] as const;
export type Flag = (typeof FLAGS)[number];

export const NO_CHECKIN_DAYS = 21;
export const MISSED_IN_A_ROW = 3;

const t = staffText("outcomeLabels");

export const flagLabels: Record<Flag, string> = {
  critical_alert: t("flagCriticalAlert"),
  deterioration: t("flagDeterioration"),
  not_on_track: t("flagNotOnTrack"),
  no_checkin: t("flagNoCheckin", { days: NO_CHECKIN_DAYS }),
  missed_exercises: t("flagMissedExercises", { count: MISSED_IN_A_ROW }),
};

/** Powers of two: one flag outweighs every flag below it together. */
export const flagWeights: Record<Flag, number> = { critical_alert: 16, deterioration: 8, not_on_track: 4, no_checkin: 2, missed_exercises: 1 };

export interface TriageInput {
  openAlerts: number;
  verdict: string | null;
  /** Days since the last check-in; null when there has been none. */
  daysSinceCheckin: number | null;
  /** Days since the client started; a new client without a check-in is not yet overdue. */
  daysSinceStart: number;
  missedInARow: number;
  /** The latest score lies beyond the expected recovery band on the worse side (expected-recovery/model.ts). */
  notOnTrack?: boolean;
}

export function flagsFor(input: TriageInput): Flag[] {
  const flags: Flag[] = [];
  if (input.openAlerts > 0) flags.push("critical_alert");
  if (input.verdict === "deteriorated") flags.push("deterioration");
  if (input.notOnTrack) flags.push("not_on_track");
  const quiet = input.daysSinceCheckin ?? input.daysSinceStart;
  if (quiet >= NO_CHECKIN_DAYS) flags.push("no_checkin");
  if (input.missedInARow >= MISSED_IN_A_ROW) flags.push("missed_exercises");
  return flags;
}

export function urgencyScore(flags: readonly Flag[]): number {
  return flags.reduce((sum, f) => sum + flagWeights[f], 0);
}

export interface Triaged {
  name: string;
  flags: readonly Flag[];
  latestSeverity: number | null;
  daysSinceCheckin: number | null;
  /** urgencyScore(flags), when the caller has it already. */
  urgency?: number;
}

// One collator for every comparison: String#localeCompare builds its collation each call.
const names = new Intl.Collator("en");

/** Most urgent first: flag weight, then the latest band's severity, then the longest silence, then name. */
export function compareUrgency(a: Triaged, b: Triaged): number {
  return (
    (b.urgency ?? urgencyScore(b.flags)) - (a.urgency ?? urgencyScore(a.flags)) ||
    (b.latestSeverity ?? -1) - (a.latestSeverity ?? -1) ||
    (b.daysSinceCheckin ?? Number.MAX_SAFE_INTEGER) - (a.daysSinceCheckin ?? Number.MAX_SAFE_INTEGER) ||
    names.compare(a.name, b.name)
  );
}
