import { spawnSync } from "node:child_process";
import path from "node:path";
import { root } from "../lib";

export interface FitResult {
  /** Check-ins of the organisation, and of the numbness check-in. */
  administrations: number;
  numbnessAdministrations: number;
  /** Clients and scores after baselines in the fit (the sample, capped at 5,000 clients). */
  clients: number;
  scores: number;
  validated: boolean;
  runs: { readMs: number; fitMs: number; refitMs: number }[];
  /** The REML optimisation alone on 20,000 simulated clients' summaries. */
  simulatedFitMs: number;
  /** The nightly refit job over every check-in of every organisation (each fitted, none skipped). */
  nightlyMs: number;
  nightlyCurves: number;
  /** The same job again with nothing new: how long, and how many curves it refitted (0 expected). */
  nightlyAgainMs: number;
  nightlyAgainRefitted: number;
}

/** SPEC (issue 21): fitting one instrument on the large data set takes at most this long. */
export const FIT_BUDGET_MS = 10_000;

/**
 * Refits the numbness curve on the data set, in a child process (the store is server-only), a
 * few times: the read of per-client summaries, the REML optimisation, and the whole refit with
 * its hold-out check. Nothing is written (each refit is rolled back).
 */
export function benchFit(url: string, runs = 3): FitResult {
  const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions", "react-server", path.join(root, "scripts/bench/fit-child.ts"), url, String(runs)], {
    cwd: root,
    encoding: "utf8",
    timeout: 600_000,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("{"));
  if (!line) throw new Error(`the expected recovery fit failed: ${(run.stderr || run.stdout).slice(-500)}`);
  return JSON.parse(line) as FitResult;
}

export const fitVerdict = (r: FitResult): "pass" | "FAIL" => (Math.max(...r.runs.map((x) => x.refitMs)) <= FIT_BUDGET_MS ? "pass" : "FAIL");
