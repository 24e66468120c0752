import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { hasCommand, stopAll, systemUser } from "../cluster/processes";
import { startInstances, startPgBouncer } from "../cluster/start";
import { load, type LoadResult } from "./measure";
import { table } from "./report";
import { signIn, warmPage } from "./server";

export interface ClusterRow {
  page: string;
  as: string;
  one: LoadResult;
  two: LoadResult;
}

export type ClusterResult = { rows: ClusterRow[]; instances: string } | { blocked: string };

/**
 * `npm run bench -- --cluster`: the caseload and the roster at 10 connections, on one instance
 * alone and through HAProxy over two (deploy/haproxy.cfg), both instances on PgBouncer in
 * transaction mode (deploy/pgbouncer.ini) in front of the large data set's database. The message
 * worker is off in both instances, so only pages are compared.
 */
export async function benchCluster(url: string, who: { counselor: string; director: string; password: string }, seconds: number): Promise<ClusterResult> {
  for (const command of ["haproxy", "pgbouncer"]) if (!hasCommand(command)) return { blocked: `${command} is not installed (apt-get install -y haproxy pgbouncer)` };
  const runAs = process.getuid?.() === 0 ? systemUser("postgres") : null;
  if (process.getuid?.() === 0 && !runAs) return { blocked: "running as root without a postgres user for PgBouncer" };
  const target = new URL(url);
  const pg = { host: target.hostname, port: target.port || "5432", user: decodeURIComponent(target.username || "postgres") };
  const work = mkdtempSync(path.join(os.tmpdir(), "attune-bench-cluster-"));
  chmodSync(work, 0o755);
  try {
    const bouncer = await startPgBouncer(work, pg, target.pathname.slice(1), runAs);
    const { ports } = await startInstances(work, {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: bouncer.url("attune", false),
      AUTH_SECRET: randomBytes(48).toString("base64url"),
      TRUSTED_PROXIES: "127.0.0.1",
      ATTUNE_WORKER: "off",
    });
    const one = `http://127.0.0.1:${ports.a}`;
    const two = `http://127.0.0.1:${ports.lb}`;
    const pages: Array<[string, "counselor" | "director", string]> = [
      ["caseload", "counselor", "/caseload"],
      ["roster, page 1", "counselor", "/clients"],
      ["caseload", "director", "/caseload"],
      ["roster, page 1", "director", "/clients"],
    ];
    const rows: ClusterRow[] = [];
    for (const [page, as, pagePath] of pages) {
      // One session, signed in through the load balancer: it is valid on both instances.
      const cookie = await signIn(two, who[as], who.password);
      for (const base of [one, two]) for (let i = 0; i < 5; i++) await warmPage(base, pagePath, cookie);
      const alone = await load(`${one}${pagePath}`, [cookie], 10, seconds);
      const through = await load(`${two}${pagePath}`, [cookie], 10, seconds);
      rows.push({ page, as, one: alone, two: through });
      console.log(`  ${page} (${as}): one instance ${alone.rps.toFixed(0)} req/s, median ${alone.median.toFixed(0)} ms; two behind HAProxy ${through.rps.toFixed(0)} req/s, median ${through.median.toFixed(0)} ms`);
    }
    return { rows, instances: `2 instances on ${os.cpus().length} cores` };
  } finally {
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

export function renderCluster(r: ClusterResult): string {
  if ("blocked" in r) return `Several instances: not run (${r.blocked}).`;
  const cell = (l: LoadResult) => `${l.rps.toFixed(0)} req/s, ${l.median.toFixed(0)} / ${l.p95.toFixed(0)} ms, ${l.errors + l.non2xx} failed`;
  return [
    `Several instances (${r.instances}, 10 connections; req/s, median / p95 latency, failed requests):`,
    "",
    table(
      ["page", "as", "one instance", "two behind HAProxy"],
      r.rows.map((row) => [row.page, row.as, cell(row.one), cell(row.two)]),
    ),
  ].join("\n");
}
