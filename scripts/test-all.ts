import { rmSync } from "node:fs";
import path from "node:path";
import { nextBin, root, run } from "./lib";
import { lockfileLintArgs } from "./lockfile-policy";

// npm test: every check CI runs, in the order that fails fastest.
const steps: Array<[string, string, string[], Record<string, string>?]> = [
  ["lockfile check (what npm ci on a clean machine demands)", "node_modules/.bin/tsx", ["scripts/check-lockfile.ts"]],
  ["lockfile-lint (registry.npmjs.org over https, sha512 integrity)", "node_modules/.bin/lockfile-lint", lockfileLintArgs()],
  ["lint", "node_modules/.bin/eslint", ["--max-warnings", "0", "."]],
  ["type check", "node_modules/.bin/tsc", ["--noEmit", "-p", "."]],
  ["unit and integration tests", "node_modules/.bin/vitest", ["run"]],
  ["production build", nextBin, ["build"], { NEXT_TELEMETRY_DISABLED: "1" }],
  // Under node --import tsx rather than the tsx CLI, which SIGKILLs a busy child on Ctrl-C (no clean-up).
  ["benchmark smoke (statements per data page on a small large data set)", process.execPath, ["--import", "tsx", "scripts/bench-smoke.ts"]],
  ["browser tests", "node_modules/.bin/playwright", ["test"]],
  // Two instances behind HAProxy and PgBouncer on a database of its own: only where haproxy,
  // pgbouncer and a PostgreSQL server are there (CLUSTER_OPTIONAL: it says so and passes otherwise).
  ["several instances (HAProxy, PgBouncer, PostgreSQL)", process.execPath, ["--import", "tsx", "scripts/test-cluster.ts"], { CLUSTER_OPTIONAL: "1" }],
  // A primary and a streaming replica of its own (initdb, pg_basebackup): where PostgreSQL's server programs are.
  ["lag-tolerant reads on a streaming replica", process.execPath, ["--import", "tsx", "scripts/test-replica.ts"], { CLUSTER_OPTIONAL: "1" }],
];

const started = Date.now();
rmSync(path.join(root, "e2e", ".auth"), { recursive: true, force: true });
for (const [label, command, args, env] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${label} ===`);
  const code = await run(path.isAbsolute(command) ? command : path.join(root, command), args, { ...process.env, ...env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(`\n${label} failed (exit ${code}) after ${seconds} s.`);
    process.exit(code);
  }
  console.log(`=== ${label}: passed in ${seconds} s ===`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
