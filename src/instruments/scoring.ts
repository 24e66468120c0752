import type {
  AnswerValue,
  Answers,
  EnableCondition,
  Instrument,
  InstrumentItem,
  ScoreMethod,
} from "./fhir-schema";

// ---------------------------------------------------------------------------------------------
// Exact rational arithmetic. Weights are decimals written in the file (0.5, 2.2, ...); summing them
// as binary floats drifts (1.1 + 2.2 = 3.3000000000000003) and can flip a rounding or a band edge,
// so every score is computed on exact fractions and rounded once, at the end.

export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function normalise(n: bigint, d: bigint): Exact {
  if (d === 0n) throw new RangeError("division by zero");
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/** The decimal a JSON number was written as (the shortest round-trip form), as an exact fraction. */
export function exact(value: number): Exact {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, sign = "", whole = "0", fraction = "", exponent = "0"] = match;
  let n = BigInt(`${sign}${whole}${fraction}`);
  let d = 10n ** BigInt(fraction.length);
  const e = Number(exponent);
  if (e >= 0) n *= 10n ** BigInt(e);
  else d *= 10n ** BigInt(-e);
  return normalise(n, d);
}

export function addExact(a: Exact, b: Exact): Exact {
  return normalise(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function mulExact(a: Exact, b: Exact): Exact {
  return normalise(a.n * b.n, a.d * b.d);
}

export function divExact(a: Exact, b: Exact): Exact {
  return normalise(a.n * b.d, a.d * b.n);
}

export function compareExact(a: Exact, b: Exact): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function sumExact(values: readonly Exact[]): Exact {
  return values.reduce(addExact, { n: 0n, d: 1n });
}

/** Rounds half away from zero to `decimals` places. */
export function roundExact(value: Exact, decimals = 2): number {
  const scale = 10n ** BigInt(decimals);
  const scaled = value.n * scale;
  let q = scaled / value.d;
  const r = scaled % value.d;
  if (2n * (r < 0n ? -r : r) >= value.d) q += scaled < 0n ? -1n : 1n;
  return Number(q) / Number(scale);
}

export function exactToNumber(value: Exact): number {
  return Number(value.n) / Number(value.d);
}

// ---------------------------------------------------------------------------------------------
// Answers and enablement

const indexes = new WeakMap<Instrument, ReadonlyMap<string, InstrumentItem>>();

export function itemIndex(instrument: Instrument): ReadonlyMap<string, InstrumentItem> {
  let index = indexes.get(instrument);
  if (!index) {
    index = new Map(instrument.items.map((item) => [item.linkId, item]));
    indexes.set(instrument, index);
  }
  return index;
}

/** The answer as given, or undefined when there is none. An empty text field is no answer. */
export function presentAnswer(value: AnswerValue | null | undefined): AnswerValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

export function answerFits(item: InstrumentItem, value: AnswerValue): boolean {
  switch (item.type) {
    case "choice":
      return typeof value === "object" && typeof value.code === "string" && item.options.some((o) => o.code === value.code);
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "decimal":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "display":
    case "group":
      return false;
  }
}

function describe(value: AnswerValue): string {
  return typeof value === "object" ? `code "${value.code}"` : JSON.stringify(value);
}

/** Throws when an answer names an unknown item or does not fit its item (a wrong code, a wrong type). */
export function checkAnswers(instrument: Instrument, answers: Answers): void {
  const index = itemIndex(instrument);
  for (const [linkId, raw] of Object.entries(answers)) {
    const value = presentAnswer(raw);
    if (value === undefined) continue;
    const item = index.get(linkId);
    if (!item) throw new Error(`${instrument.canonical}: answer for unknown linkId "${linkId}"`);
    if (!answerFits(item, value)) {
      throw new Error(`${instrument.canonical}: ${describe(value)} is not a valid answer to ${item.type} item "${linkId}"`);
    }
  }
}

function sameAnswer(a: AnswerValue, b: AnswerValue): boolean {
  if (typeof a === "object" || typeof b === "object") {
    return typeof a === "object" && typeof b === "object" && a.code === b.code;
  }
  return a === b;
}

function order(a: AnswerValue, b: AnswerValue): number | null {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function holds(condition: EnableCondition, value: AnswerValue | undefined): boolean {
  if (condition.operator === "exists") return (value !== undefined) === condition.answer;
  // FHIR R4: "!=" is true when no answer equals the given value, so also when there is no answer.
  if (condition.operator === "!=") return value === undefined || !sameAnswer(value, condition.answer);
  if (value === undefined) return false;
  if (condition.operator === "=") return sameAnswer(value, condition.answer);
  const cmp = order(value, condition.answer);
  if (cmp === null) return false;
  switch (condition.operator) {
    case ">":
      return cmp > 0;
    case "<":
      return cmp < 0;
    case ">=":
      return cmp >= 0;
    case "<=":
      return cmp <= 0;
  }
}

/**
 * The linkIds of the items that are enabled given these answers. An item is disabled when its
 * group is, and an answer to a disabled item counts as no answer for the conditions that name it.
 */
export function enabledLinkIds(instrument: Instrument, answers: Answers): Set<string> {
  const index = itemIndex(instrument);
  const memo = new Map<string, boolean>();
  const isEnabled = (item: InstrumentItem): boolean => {
    const known = memo.get(item.linkId);
    if (known !== undefined) return known;
    const parent = item.parentLinkId === null ? undefined : index.get(item.parentLinkId);
    let enabled = parent ? isEnabled(parent) : true;
    if (enabled && item.enableWhen.length > 0) {
      const results = item.enableWhen.map((condition) => {
        const question = index.get(condition.question);
        const value = question && isEnabled(question) ? presentAnswer(answers[condition.question]) : undefined;
        return holds(condition, value);
      });
      enabled = item.enableBehavior === "all" ? results.every(Boolean) : results.some(Boolean);
    }
    memo.set(item.linkId, enabled);
    return enabled;
  };
  return new Set(instrument.items.filter(isEnabled).map((item) => item.linkId));
}

/** Weight of each answered, enabled, scored item. */
export function answeredWeights(instrument: Instrument, answers: Answers): Map<string, number> {
  checkAnswers(instrument, answers);
  return weightsOf(instrument, answers, enabledLinkIds(instrument, answers));
}

function weightsOf(instrument: Instrument, answers: Answers, enabled: ReadonlySet<string>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const item of instrument.items) {
    if (!item.scored || !enabled.has(item.linkId)) continue;
    const value = presentAnswer(answers[item.linkId]);
    if (typeof value !== "object") continue;
    const weight = item.options.find((o) => o.code === value.code)?.weight;
    if (weight !== null && weight !== undefined) weights.set(item.linkId, weight);
  }
  return weights;
}

// ---------------------------------------------------------------------------------------------
// Scoring

export type ScoreStatus = "complete" | "prorated" | "invalid";

export interface ScoreResult {
  status: ScoreStatus;
  total: number | null;
  subscales: Record<string, number | null>;
  band: { label: string; severity: number } | null;
  /** Scored items answered, among the expected ones. */
  answered: number;
  /** Scored items that are enabled. */
  expected: number;
  /** Expected scored items without an answer. */
  missing: string[];
  critical: { linkId: string; message: string }[];
}

interface Tally {
  expected: number;
  answered: number;
  sum: Exact;
  missing: string[];
}

function tally(linkIds: readonly string[], enabled: ReadonlySet<string>, weights: ReadonlyMap<string, number>): Tally {
  const expected = linkIds.filter((id) => enabled.has(id));
  const answered = expected.filter((id) => weights.has(id));
  return {
    expected: expected.length,
    answered: answered.length,
    sum: sumExact(answered.map((id) => exact(weights.get(id) ?? 0))),
    missing: expected.filter((id) => !weights.has(id)),
  };
}

/** Proration scales the answered sum to the expected count: sum × expected / answered. */
function scaled(t: Tally, method: ScoreMethod, multiplier: number): Exact {
  const base = t.answered === t.expected ? t.sum : divExact(mulExact(t.sum, exact(t.expected)), exact(t.answered));
  const value = method === "sum" ? base : divExact(base, exact(t.expected));
  return mulExact(value, exact(multiplier));
}

export function scoreResponse(instrument: Instrument, answers: Answers): ScoreResult {
  const { scoring } = instrument;
  checkAnswers(instrument, answers);
  const enabled = enabledLinkIds(instrument, answers);
  const weights = weightsOf(instrument, answers, enabled);
  const scoredIds = instrument.items.filter((i) => i.scored).map((i) => i.linkId);
  const totalTally = tally(scoredIds, enabled, weights);

  let status: ScoreStatus;
  if (totalTally.expected === 0) status = "invalid";
  else if (totalTally.missing.length === 0) status = "complete";
  else if (scoring.missing.rule === "prorate" && totalTally.answered >= scoring.missing.minimumAnswered) status = "prorated";
  else status = "invalid";

  let total: number | null = null;
  let band: ScoreResult["band"] = null;
  if (status !== "invalid") {
    total = roundExact(scaled(totalTally, scoring.total.method, scoring.total.multiplier));
    const reported = exact(total);
    const last = scoring.bands.length - 1;
    const found = scoring.bands.find(
      (b, i) =>
        compareExact(exact(b.from), reported) <= 0 &&
        (i === last ? compareExact(reported, exact(b.to)) <= 0 : compareExact(reported, exact(b.to)) < 0),
    );
    band = found ? { label: found.label, severity: found.severity } : null;
  }

  const subscales: Record<string, number | null> = {};
  for (const subscale of scoring.subscales) {
    const t = tally(subscale.linkIds, enabled, weights);
    const prorate =
      scoring.missing.rule === "prorate" && subscale.minimumAnswered !== null && t.answered >= subscale.minimumAnswered;
    const scorable = t.expected > 0 && (t.missing.length === 0 || prorate);
    subscales[subscale.id] = scorable ? roundExact(scaled(t, subscale.method, subscale.multiplier)) : null;
  }

  const critical = scoring.critical.flatMap((rule) => {
    if (!enabled.has(rule.linkId)) return [];
    const value = presentAnswer(answers[rule.linkId]);
    return typeof value === "object" && rule.answerCodes.includes(value.code)
      ? [{ linkId: rule.linkId, message: rule.message }]
      : [];
  });

  return {
    status,
    total,
    subscales,
    band,
    answered: totalTally.answered,
    expected: totalTally.expected,
    missing: totalTally.missing,
    critical,
  };
}
