/**
 * Item trends: which questions of one check-in moved between the start and the end of a period.
 * Pure (no database), so the arithmetic is unit-tested with hand-worked numbers.
 *
 * Each item's weight is read from the version of the instrument that scored the check-in, so a
 * reverse-scored item counts the way the total counted it. Start and end are the mean of the
 * first and of the last ENDPOINT_SPAN answered check-ins in the period (one answer alone is too
 * noisy to read change from); an item "moved" when that difference is at least a quarter of the
 * item's own range. Single items are not reliable measures: this shows what drives the total, it
 * is not a verdict.
 */
import type { Answers, Direction, Instrument } from "@/instruments/fhir-schema";
import { answeredWeights } from "@/instruments/scoring";

export const ENDPOINT_SPAN = 3;
/** Share of an item's range that counts as a visible move. */
export const MOVE_SHARE = 0.25;
/** Most points per item line: beyond this, check-ins are averaged in equal runs. */
export const MAX_ITEM_POINTS = 60;

export interface ItemAdministration {
  at: string;
  day: string;
  /** `url|version` of the instrument that scored it. */
  canonical: string;
  answers: Answers;
}

export type ItemMove = "better" | "worse" | "no_move";

export interface ItemTrend {
  linkId: string;
  text: string;
  min: number;
  max: number;
  /** Worded the other way round: its options' weights descend, so agreeing scores low. */
  reversed: boolean;
  /** Weights over time, oldest first (thinned to MAX_ITEM_POINTS). */
  values: number[];
  answered: number;
  start: { value: number; from: string; to: string } | null;
  end: { value: number; from: string; to: string } | null;
  change: number | null;
  move: ItemMove | null;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Averages a long series in equal consecutive runs so at most `limit` values remain. */
export function thin(values: readonly number[], limit = MAX_ITEM_POINTS): number[] {
  if (values.length <= limit) return [...values];
  const out: number[] = [];
  for (let k = 0; k < limit; k += 1) {
    const from = Math.floor((k * values.length) / limit);
    const to = Math.floor(((k + 1) * values.length) / limit);
    out.push(round2(mean(values.slice(from, to))));
  }
  return out;
}

export function moveOf(change: number, range: number, direction: Direction): ItemMove {
  if (Math.abs(change) < MOVE_SHARE * range || change === 0) return "no_move";
  const up = change > 0;
  return up === (direction === "higher_is_better") ? "better" : "worse";
}

/**
 * Item-level trends for the scored items of `current` (the version whose wording is shown),
 * from check-ins scored by any of `versions`. Items the current version no longer has are left out.
 */
export function summariseItems(current: Instrument, versions: ReadonlyMap<string, Instrument>, administrations: readonly ItemAdministration[]): ItemTrend[] {
  const series = new Map<string, { day: string; value: number }[]>();
  for (const a of administrations) {
    const instrument = versions.get(a.canonical);
    if (!instrument) continue;
    let weights: Map<string, number>;
    try {
      weights = answeredWeights(instrument, a.answers);
    } catch {
      continue; // stored answers that no longer fit their version are shown nowhere rather than guessed
    }
    for (const [linkId, value] of weights) {
      const list = series.get(linkId) ?? [];
      list.push({ day: a.day, value });
      series.set(linkId, list);
    }
  }
  const direction = current.scoring.direction;
  return current.items
    .filter((item) => item.scored && item.weightRange)
    .map((item) => {
      const points = series.get(item.linkId) ?? [];
      const { min, max } = item.weightRange!;
      // Two separate runs of answers are needed to speak of change: at least two check-ins.
      const span = Math.min(ENDPOINT_SPAN, Math.floor(points.length / 2));
      const first = points.slice(0, span);
      const last = points.slice(points.length - span);
      const endpoint = (slice: typeof points) => ({ value: round2(mean(slice.map((p) => p.value))), from: slice[0]!.day, to: slice.at(-1)!.day });
      const start = span > 0 ? endpoint(first) : null;
      const end = span > 0 ? endpoint(last) : null;
      // From the unrounded means, so the change is exact to two places (7/3, not 2.67 − 0.33).
      const change = span > 0 ? round2(mean(last.map((p) => p.value)) - mean(first.map((p) => p.value))) : null;
      return {
        linkId: item.linkId,
        text: item.text ?? item.linkId,
        min,
        max,
        reversed: (item.options[0]?.weight ?? 0) > (item.options.at(-1)?.weight ?? 0),
        values: thin(points.map((p) => p.value)),
        answered: points.length,
        start,
        end,
        change,
        move: change === null ? null : moveOf(change, max - min, direction),
      };
    })
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || a.linkId.localeCompare(b.linkId));
}
