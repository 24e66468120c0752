import { readFileSync, statSync } from "node:fs";
import autocannon from "autocannon";
import type postgres from "postgres";

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface LoadResult {
  connections: number;
  requests: number;
  median: number;
  p95: number;
  rps: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
}

/**
 * autocannon against one URL for `seconds`, each connection with its own cookie (round robin
 * over `cookies`). Latency is the full response (headers and the whole streamed body), per
 * request, from autocannon's response event, so the percentiles are exact.
 */
export async function load(url: string, cookies: string[], connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie: cookies[0]! },
    setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length]! }),
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  return {
    connections,
    requests: latencies.length,
    median: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    rps: latencies.length / seconds,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}

export interface LoggedQuery {
  sql: string;
  params: unknown[];
}

/** Reads the query log (ATTUNE_QUERY_LOG) from a byte offset: what the server ran since. */
export function queriesSince(file: string, offset: number): { queries: LoggedQuery[]; end: number } {
  const end = statSync(file).size;
  const text = readFileSync(file).subarray(offset, end).toString("utf8");
  const queries = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedQuery);
  return { queries, end };
}

class Rollback extends Error {}

/**
 * The page's own SQL run alone: the very statements and parameters the server sent for one
 * request, replayed in order on one connection as prepared statements, inside a transaction that
 * is rolled back (so the audit rows a page writes are not kept). Median of the per-request sums.
 */
export async function replay(sql: postgres.Sql, queries: LoggedQuery[], runs = 30): Promise<{ median: number; p95: number; perQuery: number[] }> {
  const sums: number[] = [];
  const perQuery: number[][] = queries.map(() => []);
  for (let run = 0; run < runs + 5; run++) {
    let sum = 0;
    await sql
      .begin(async (tx) => {
        for (const [i, q] of queries.entries()) {
          const t0 = performance.now();
          await tx.unsafe(q.sql, q.params as never[], { prepare: true });
          const ms = performance.now() - t0;
          sum += ms;
          if (run >= 5) perQuery[i]!.push(ms);
        }
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    if (run >= 5) sums.push(sum);
  }
  return { median: percentile(sums, 0.5), p95: percentile(sums, 0.95), perQuery: perQuery.map((s) => percentile(s, 0.5)) };
}
