/** A seeded random source and data simulated from a known expected recovery model (tests, seeds). */
import { logWeeks, type CurveFit, type FollowUp } from "./model";

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export interface TrueModel {
  beta: CurveFit["beta"];
  centre: number;
  /** SDs of the random intercept and slope, and their correlation. */
  sdIntercept: number;
  sdSlope: number;
  correlation: number;
  sdResidual: number;
  baselineMean: number;
  baselineSd: number;
}

export interface SimulatedClient {
  baseline: number;
  followUps: FollowUp[];
}

/** Clients with weekly scores for `weeks` weeks after their baseline (some stop early). */
export function simulateClients(model: TrueModel, clients: number, weeks: number, seed: number): SimulatedClient[] {
  const random = seededRandom(seed);
  const z = normal(random);
  return Array.from({ length: clients }, () => {
    const baseline = model.baselineMean + model.baselineSd * z();
    const b = baseline - model.centre;
    const z1 = z();
    const z2 = z();
    const u0 = model.sdIntercept * z1;
    const u1 = model.sdSlope * (model.correlation * z1 + Math.sqrt(1 - model.correlation ** 2) * z2);
    const last = Math.max(2, Math.round(weeks * (0.4 + 0.6 * random())));
    const followUps: FollowUp[] = [];
    for (let w = 1; w <= last; w++) {
      const t = logWeeks(w);
      const [b0, b1, b2, b3] = model.beta;
      followUps.push({ weeks: w, score: b0 + b1 * b + b2 * t + b3 * b * t + u0 + u1 * t + model.sdResidual * z() });
    }
    return { baseline, followUps };
  });
}
