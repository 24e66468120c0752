/*
 * Expected recovery curves in the manner of Finch, Lambert & Schaalje (2001): a linear mixed model
 * of a client's later scores on log(weeks since the first administration + 1), with the baseline
 * score as a predictor, fitted by restricted maximum likelihood (REML). See
 * docs/expected-recovery.md for the formula, the thresholds and the sources.
 *
 *   y_ij = β0 + β1·b_i + β2·t_ij + β3·b_i·t_ij + u0_i + u1_i·t_ij + e_ij
 *   t_ij = ln(weeks_ij + 1), b_i = baseline_i − centre, (u0, u1) ~ N(0, G), e ~ N(0, σ²)
 *
 * The fit works on per-client sufficient statistics (count, Σt, Σt², Σy, Σty, Σy² of the scores
 * after the baseline, and the baseline): with a random intercept and slope on t, and fixed effects
 * that are the random-effect design times [1, b_i], these seven numbers carry everything REML
 * needs, so fitting 20,000 clients costs the same whether they have 5 or 500 scores each.
 */
import { CholeskyDecomposition, Matrix, inverse } from "ml-matrix";
import { staffText } from "@/i18n/staff";
import { nelderMead } from "./nelder-mead";

const ov = staffText("outcomeValidation");

const words = staffText("outcomeLabels");
// Formatted once: a team page asks for a verdict per client.
const ONLY_BASELINE = words("trackOnlyBaseline");
const BASELINE_OUTSIDE = words("trackBaselineOutside");

/** One client's scores after the baseline, summarised. */
export interface ClientSummary {
  baseline: number;
  /** Number of scored check-ins after the baseline (within the horizon). */
  n: number;
  st: number;
  stt: number;
  sy: number;
  sty: number;
  syy: number;
}

export interface FollowUp {
  weeks: number;
  score: number;
}

export interface CurveFit {
  /** Fixed effects [intercept, baseline, log-time, baseline × log-time], baseline centred at `centre`. */
  beta: [number, number, number, number];
  /** Covariance of the fixed-effect estimates (4 × 4, row-major). */
  betaCovariance: number[][];
  /** Random-effect covariance G: [[var intercept, cov], [cov, var slope]]. */
  randomCovariance: [[number, number], [number, number]];
  residualVariance: number;
  centre: number;
  /** Range of baselines and of weeks in the data: no prediction outside it. */
  baselineRange: [number, number];
  horizonWeeks: number;
  nClients: number;
  nScores: number;
  reml: number;
  converged: boolean;
}

export type FitOutcome = { ok: true; fit: CurveFit } | { ok: false; reason: string; nClients: number; nScores: number };

/** Scores later than this many weeks after the baseline are not part of an episode of care's curve. */
export const HORIZON_WEEKS = 52;
/** An instrument needs this many clients with at least two scored check-ins after their baseline (the same 30 the reliable change parameters ask for)… */
export const MIN_CLIENTS = 30;
/** …and this many scored check-ins after baselines in all. */
export const MIN_SCORES = 150;
/** The 10th and 90th percentiles of a normal distribution lie this many SDs either side of its mean. */
export const Z_90 = 1.2815515655446004;

export function logWeeks(weeks: number): number {
  return Math.log(weeks + 1);
}

/** Adds one client's scores after the baseline (weeks > 0, within the horizon) into a summary. */
export function summarise(baseline: number, followUps: readonly FollowUp[], horizonWeeks = HORIZON_WEEKS): ClientSummary {
  const s: ClientSummary = { baseline, n: 0, st: 0, stt: 0, sy: 0, sty: 0, syy: 0 };
  for (const f of followUps) {
    if (!(f.weeks > 0) || f.weeks > horizonWeeks || !Number.isFinite(f.score)) continue;
    const t = logWeeks(f.weeks);
    s.n++;
    s.st += t;
    s.stt += t * t;
    s.sy += f.score;
    s.sty += t * f.score;
    s.syy += f.score * f.score;
  }
  return s;
}

/** Why an instrument has no curve, or null when it has enough data. */
export function insufficientData(summaries: readonly ClientSummary[]): string | null {
  const clients = summaries.filter((s) => s.n >= 2).length;
  const scores = summaries.reduce((sum, s) => sum + s.n, 0);
  if (clients < MIN_CLIENTS) {
    return ov("tooFewClients", { count: clients, min: String(MIN_CLIENTS) });
  }
  if (scores < MIN_SCORES) return ov("tooFewScores", { scores: String(scores), min: String(MIN_SCORES) });
  return null;
}

interface Totals {
  xtwx: Matrix;
  xtwy: Matrix;
  ytwy: number;
  logDetM: number;
  N: number;
}

/**
 * Σ over clients of X'V⁻¹X, X'V⁻¹y, y'V⁻¹y (with V scaled by 1/σ²) and Σ log|M_i|, for the
 * relative covariance D = ΛΛ' (Λ lower triangular: l11, l21, l22). By the Woodbury identity
 * V_i/σ² = I + Z_i D Z_i' has inverse I − Z_i Λ M_i⁻¹ Λ' Z_i' with M_i = I + Λ'A_iΛ, A_i = Z_i'Z_i,
 * and |V_i/σ²| = |M_i|. These per-client 2 × 2 products are written out in closed form (they run
 * for every client at every step of the optimiser); everything of the fixed-effect dimension goes
 * through ml-matrix.
 */
function totals(summaries: readonly ClientSummary[], centre: number, l11: number, l21: number, l22: number): Totals {
  // The ten distinct entries of the symmetric X'WX and the four of X'Wy.
  let x00 = 0, x01 = 0, x02 = 0, x03 = 0, x11 = 0, x12 = 0, x13 = 0, x22 = 0, x23 = 0, x33 = 0;
  let y0 = 0, y1 = 0, y2 = 0, y3 = 0;
  let ytwy = 0;
  let logDetM = 0;
  let N = 0;
  for (const s of summaries) {
    if (s.n === 0) continue;
    const b = s.baseline - centre;
    const a11 = s.n, a12 = s.st, a22 = s.stt;
    const c1 = s.sy, c2 = s.sty;
    // A·Λ
    const al11 = a11 * l11 + a12 * l21, al12 = a12 * l22;
    const al21 = a12 * l11 + a22 * l21, al22 = a22 * l22;
    // M = I + Λ'AΛ
    const m11 = 1 + l11 * al11 + l21 * al21;
    const m12 = l11 * al12 + l21 * al22;
    const m22 = 1 + l22 * al22;
    const det = m11 * m22 - m12 * m12;
    logDetM += Math.log(det);
    const i11 = m22 / det, i12 = -m12 / det, i22 = m11 / det;
    // P = Λ M⁻¹ Λ'
    const p11 = l11 * l11 * i11;
    const p12 = l11 * (l21 * i11 + l22 * i12);
    const p22 = l21 * l21 * i11 + 2 * l21 * l22 * i12 + l22 * l22 * i22;
    // A P
    const ap11 = a11 * p11 + a12 * p12, ap12 = a11 * p12 + a12 * p22;
    const ap21 = a12 * p11 + a22 * p12, ap22 = a12 * p12 + a22 * p22;
    // Q = A − A P A; r = c − A P c; y'Wy = yy − c'Pc
    const q11 = a11 - (ap11 * a11 + ap12 * a12);
    const q12 = a12 - (ap11 * a12 + ap12 * a22);
    const q22 = a22 - (ap21 * a12 + ap22 * a22);
    const r1 = c1 - (ap11 * c1 + ap12 * c2);
    const r2 = c2 - (ap21 * c1 + ap22 * c2);
    ytwy += s.syy - (c1 * (p11 * c1 + p12 * c2) + c2 * (p12 * c1 + p22 * c2));
    N += s.n;
    // X_i = Z_i K_i with K_i = [[1, b, 0, 0], [0, 0, 1, b]]: X'WX += K'QK, X'Wy += K'r, written out.
    const bb = b * b;
    y0 += r1; y1 += b * r1; y2 += r2; y3 += b * r2;
    x00 += q11; x01 += b * q11; x02 += q12; x03 += b * q12;
    x11 += bb * q11; x12 += b * q12; x13 += bb * q12;
    x22 += q22; x23 += b * q22;
    x33 += bb * q22;
  }
  return {
    xtwx: new Matrix([
      [x00, x01, x02, x03],
      [x01, x11, x12, x13],
      [x02, x12, x22, x23],
      [x03, x13, x23, x33],
    ]),
    xtwy: Matrix.columnVector([y0, y1, y2, y3]),
    ytwy,
    logDetM,
    N,
  };
}

const P = 4;

/** −2 × the REML log-likelihood with σ² profiled out, and the estimates at these parameters. */
function profiled(summaries: readonly ClientSummary[], centre: number, [logL11 = 0, l21 = 0, logL22 = 0]: readonly number[]) {
  const l11 = Math.exp(logL11);
  const l22 = Math.exp(logL22);
  const t = totals(summaries, centre, l11, l21, l22);
  const chol = new CholeskyDecomposition(t.xtwx);
  if (!chol.isPositiveDefinite()) return null;
  const beta = chol.solve(t.xtwy);
  const rss = t.ytwy - beta.transpose().mmul(t.xtwy).get(0, 0);
  const dof = t.N - P;
  if (!(rss > 0) || dof <= 0) return null;
  const sigma2 = rss / dof;
  const lower = chol.lowerTriangularMatrix;
  let logDetX = 0;
  for (let i = 0; i < P; i++) logDetX += 2 * Math.log(lower.get(i, i));
  const reml = t.logDetM + logDetX + dof * (1 + Math.log(2 * Math.PI * sigma2));
  return { reml, beta, sigma2, xtwx: t.xtwx, lambda: [l11, l21, l22] as const, N: t.N };
}

/** Fits the curve, or says why there is none. */
export function fitExpectedRecovery(all: readonly ClientSummary[], options: { horizonWeeks?: number } = {}): FitOutcome {
  const summaries = all.filter((s) => s.n > 0 && Number.isFinite(s.baseline));
  const nClients = summaries.length;
  const nScores = summaries.reduce((sum, s) => sum + s.n, 0);
  const lacking = insufficientData(summaries);
  if (lacking) return { ok: false, reason: lacking, nClients, nScores };
  const centre = summaries.reduce((sum, s) => sum + s.baseline, 0) / nClients;
  const objective = (theta: number[]) => profiled(summaries, centre, theta)?.reml ?? Number.POSITIVE_INFINITY;
  // Two passes: the second restarts from the first's optimum, the usual guard against a
  // simplex that collapsed early.
  let best = nelderMead(objective, [0, 0, Math.log(0.3)], { step: 1 });
  best = nelderMead(objective, best.x, { step: 0.25 });
  const at = profiled(summaries, centre, best.x);
  if (!at || !Number.isFinite(at.reml)) {
    return { ok: false, reason: ov("notFitted"), nClients, nScores };
  }
  const [l11, l21, l22] = at.lambda;
  const s2 = at.sigma2;
  const g11 = s2 * l11 * l11, g12 = s2 * l11 * l21, g22 = s2 * (l21 * l21 + l22 * l22);
  const betaCovariance = inverse(at.xtwx).mul(s2).to2DArray();
  const baselines = summaries.map((s) => s.baseline);
  return {
    ok: true,
    fit: {
      beta: at.beta.getColumn(0) as [number, number, number, number],
      betaCovariance,
      randomCovariance: [
        [g11, g12],
        [g12, g22],
      ],
      residualVariance: s2,
      centre,
      baselineRange: [Math.min(...baselines), Math.max(...baselines)],
      horizonWeeks: options.horizonWeeks ?? HORIZON_WEEKS,
      nClients,
      nScores,
      reml: at.reml,
      converged: best.converged,
    },
  };
}

export interface Expected {
  weeks: number;
  mean: number;
  /** SD of the predicted distribution of a new client's score (random effects, residual, estimate). */
  sd: number;
  /** 10th and 90th percentiles. */
  low: number;
  high: number;
}

/** v·M·vᵀ, summed as ml-matrix sums (v·M first, then with vᵀ), each sum in ascending order. */
function quadraticForm(v: readonly number[], m: readonly (readonly number[])[]): number {
  let total = 0;
  for (let j = 0; j < v.length; j++) {
    let column = 0;
    for (let k = 0; k < v.length; k++) column += v[k]! * m[k]![j]!;
    total += column * v[j]!;
  }
  return total;
}

/** The expected score and its 10th–90th percentile band for a new client with this baseline, this many weeks after it. */
export function expectedAt(fit: CurveFit, baseline: number, weeks: number): Expected {
  const b = baseline - fit.centre;
  const t = logWeeks(Math.max(0, weeks));
  // Plain sums rather than ml-matrix: this runs for every week and every score a trends page
  // draws (0.8 ms a request in a CPU profile, for 4-by-4 products), and sums in the same order.
  const x = [1, b, t, b * t];
  const z = [1, t];
  let mean = 0;
  for (let k = 0; k < x.length; k++) mean += x[k]! * fit.beta[k]!;
  const randomPart = quadraticForm(z, fit.randomCovariance);
  const estimatePart = quadraticForm(x, fit.betaCovariance);
  const sd = Math.sqrt(randomPart + fit.residualVariance + estimatePart);
  return { weeks, mean, sd, low: mean - Z_90 * sd, high: mean + Z_90 * sd };
}

export type Direction = "higher_is_worse" | "higher_is_better";

export type TrackVerdict =
  | { status: "on_track"; expected: Expected }
  | { status: "not_on_track"; expected: Expected; /** SDs of the predicted distribution beyond the band's worse edge. */ strength: number }
  | { status: "no_verdict"; reason: string };

/**
 * Whether a score this many weeks after the baseline lies beyond the band on the worse side:
 * above the 90th percentile when higher is worse, below the 10th when higher is better.
 */
export function trackVerdict(fit: CurveFit, direction: Direction, baseline: number, weeks: number, score: number): TrackVerdict {
  if (!(weeks > 0)) return { status: "no_verdict", reason: ONLY_BASELINE };
  if (weeks > fit.horizonWeeks) return { status: "no_verdict", reason: words("trackBeyondHorizon", { weeks: fit.horizonWeeks }) };
  const [lo, hi] = fit.baselineRange;
  if (baseline < lo || baseline > hi) return { status: "no_verdict", reason: BASELINE_OUTSIDE };
  const expected = expectedAt(fit, baseline, weeks);
  const beyond = direction === "higher_is_worse" ? score - expected.high : expected.low - score;
  return beyond > 0 ? { status: "not_on_track", expected, strength: beyond / expected.sd } : { status: "on_track", expected };
}

/** The band for a baseline at whole weeks 0…upTo, for drawing. */
export function bandSeries(fit: CurveFit, baseline: number, upTo: number): Expected[] {
  const last = Math.min(Math.ceil(upTo), fit.horizonWeeks);
  return Array.from({ length: last + 1 }, (_, w) => expectedAt(fit, baseline, w));
}
