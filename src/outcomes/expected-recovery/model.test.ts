import { describe, expect, it } from "vitest";
import { bandSeries, expectedAt, fitExpectedRecovery, MIN_CLIENTS, summarise, trackVerdict, type CurveFit } from "./model";
import { nelderMead } from "./nelder-mead";
import { simulateClients, type TrueModel } from "./simulate";

// A higher-is-worse measure: clients start around 20 and improve along ln(weeks + 1).
const truth: TrueModel = {
  beta: [18, 0.8, -3, -0.1],
  centre: 20,
  sdIntercept: 2,
  sdSlope: 1,
  correlation: -0.3,
  sdResidual: 2,
  baselineMean: 20,
  baselineSd: 5,
};

function fitSimulated(clients: number, seed: number): CurveFit {
  const data = simulateClients(truth, clients, 20, seed);
  const outcome = fitExpectedRecovery(data.map((c) => summarise(c.baseline, c.followUps)));
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.fit;
}

describe("nelderMead", () => {
  it("finds the minimum of the Rosenbrock function", () => {
    const r = nelderMead(([x = 0, y = 0]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1], { maxEvaluations: 5000, tolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
});

describe("fitExpectedRecovery", () => {
  const fit = fitSimulated(1500, 21);

  it("recovers the fixed effects of the model the data was simulated from", () => {
    // Slopes do not depend on where the baseline is centred; the intercept is compared at the true centre.
    expect(fit.beta[1]).toBeCloseTo(truth.beta[1], 1);
    expect(fit.beta[2]).toBeCloseTo(truth.beta[2], 1);
    expect(fit.beta[3]).toBeCloseTo(truth.beta[3], 1);
    const atCentre = fit.beta[0] + fit.beta[1] * (truth.centre - fit.centre);
    expect(Math.abs(atCentre - truth.beta[0])).toBeLessThan(0.2);
  });

  it("recovers the random-effect and residual variances", () => {
    const [[g11, g12], [, g22]] = fit.randomCovariance;
    expect(Math.sqrt(g11)).toBeGreaterThan(1.8);
    expect(Math.sqrt(g11)).toBeLessThan(2.2);
    expect(Math.sqrt(g22)).toBeGreaterThan(0.9);
    expect(Math.sqrt(g22)).toBeLessThan(1.1);
    expect(g12 / Math.sqrt(g11 * g22)).toBeCloseTo(truth.correlation, 1);
    expect(Math.sqrt(fit.residualVariance)).toBeCloseTo(truth.sdResidual, 1);
    expect(fit.converged).toBe(true);
  });

  it("gives a band that falls with time for an improving measure and rises with the baseline", () => {
    const band = bandSeries(fit, 20, 20);
    band.slice(1).forEach((e, i) => expect(e.mean).toBeLessThan(band[i]?.mean ?? Number.NaN));
    for (const e of band) expect(e.low).toBeLessThan(e.mean);
    expect(band).toHaveLength(21);
    for (const w of [1, 4, 12, 20]) expect(expectedAt(fit, 25, w).high).toBeGreaterThan(expectedAt(fit, 15, w).high);
  });

  it("covers about 80% of new clients' scores with the 10th–90th percentile band", () => {
    const fresh = simulateClients(truth, 400, 20, 99);
    let inside = 0;
    let all = 0;
    for (const c of fresh) {
      for (const f of c.followUps) {
        const e = expectedAt(fit, c.baseline, f.weeks);
        all++;
        if (f.score >= e.low && f.score <= e.high) inside++;
      }
    }
    expect(inside / all).toBeGreaterThan(0.76);
    expect(inside / all).toBeLessThan(0.84);
  });

  it("says why there is no curve when there are too few clients", () => {
    const data = simulateClients(truth, MIN_CLIENTS - 1, 20, 3);
    const outcome = fitExpectedRecovery(data.map((c) => summarise(c.baseline, c.followUps)));
    expect(outcome).toMatchObject({ ok: false, nClients: MIN_CLIENTS - 1 });
    if (!outcome.ok) expect(outcome.reason).toContain(`at least ${MIN_CLIENTS}`);
  });

  it("says why there is no curve when there are enough clients but too few scores", () => {
    const data = simulateClients(truth, 60, 2, 4);
    const outcome = fitExpectedRecovery(data.map((c) => summarise(c.baseline, c.followUps)));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toMatch(/120 scored check-ins after baselines; a curve needs at least 150/);
  });
});

describe("trackVerdict", () => {
  const fit = fitSimulated(600, 7);

  it("flags a higher-is-worse score above the band, with its distance in SDs", () => {
    const e = expectedAt(fit, 22, 6);
    const v = trackVerdict(fit, "higher_is_worse", 22, 6, e.high + e.sd);
    expect(v.status).toBe("not_on_track");
    if (v.status === "not_on_track") expect(v.strength).toBeCloseTo(1, 6);
    expect(trackVerdict(fit, "higher_is_worse", 22, 6, e.low - 5).status).toBe("on_track");
  });

  it("flags the low side when higher is better", () => {
    const e = expectedAt(fit, 22, 6);
    expect(trackVerdict(fit, "higher_is_better", 22, 6, e.low - 0.5).status).toBe("not_on_track");
    expect(trackVerdict(fit, "higher_is_better", 22, 6, e.high + 5).status).toBe("on_track");
  });

  it("gives no verdict on the baseline alone, past the horizon, or outside the fitted baselines", () => {
    expect(trackVerdict(fit, "higher_is_worse", 22, 0, 30).status).toBe("no_verdict");
    expect(trackVerdict(fit, "higher_is_worse", 22, fit.horizonWeeks + 1, 30).status).toBe("no_verdict");
    expect(trackVerdict(fit, "higher_is_worse", fit.baselineRange[1] + 1, 4, 30).status).toBe("no_verdict");
  });
});
