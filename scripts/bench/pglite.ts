import { spawnSync } from "node:child_process";
import path from "node:path";
import type postgres from "postgres";
import { root } from "../lib";

export interface PgliteResult {
  pgliteVersion: string;
  dataset: string;
  runs: number;
  queries: { name: string; postgresMs: number; pgliteMs: number }[];
}

/**
 * The caseload's and the trends tab's SQL on PGlite and on PostgreSQL, on the same generated data
 * (a small scale of the large seed, loaded into a scratch PostgreSQL database and an in-memory
 * PGlite), in a child process: the query modules are server-only.
 */
export async function benchPglite(sql: postgres.Sql, seed: string, serverUrl: string): Promise<PgliteResult | undefined> {
  const scratch = `attune_bench_cmp_${process.pid}`;
  await sql.unsafe(`create database ${scratch}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${scratch}`;
    const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions", "react-server", path.join(root, "scripts/bench/pglite-child.ts"), url.toString(), seed], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, ATTUNE_QUERY_LOG: "1" },
      timeout: 900_000,
    });
    const line = run.stdout.split("\n").find((l) => l.startsWith("{"));
    if (!line) throw new Error(`the PGlite comparison failed: ${(run.stderr || run.stdout).slice(-500)}`);
    return JSON.parse(line) as PgliteResult;
  } finally {
    await sql.unsafe(`drop database if exists ${scratch} with (force)`);
  }
}
