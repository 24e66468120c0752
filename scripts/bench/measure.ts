import { readFileSync, statSync } from "node:fs";
import http from "node:http";
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

/** One GET over a kept-alive connection, timed to the last byte of the body. */
function timedGet(agent: http.Agent, url: URL, cookie: string): Promise<{ ms: number; status: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0 }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

function summary(latencies: number[], statuses: Record<string, number>, errors: number, seconds: number): LoadResult {
  const non2xx = Object.entries(statuses).reduce((n, [code, count]) => n + (code.startsWith("2") ? 0 : count), 0);
  return { connections: 1, requests: latencies.length, median: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), rps: latencies.length / seconds, errors, non2xx, statuses };
}

/**
 * One user alternating between a page and its floor for `seconds` in all (floor, page, floor,
 * page, …, one request at a time over one kept-alive connection each), so both are measured on
 * the same machine at the same moments. Measured one after the other instead, a shared
 * machine's drift of a few milliseconds between the two runs decided the verdicts.
 */
export async function pairedLoad(base: string, floor: { path: string; cookie: string }, page: { path: string; cookie: string }, seconds: number): Promise<{ floor: LoadResult; page: LoadResult }> {
  const agents = [new http.Agent({ keepAlive: true, maxSockets: 1 }), new http.Agent({ keepAlive: true, maxSockets: 1 })] as const;
  const targets = [
    { url: new URL(floor.path, base), cookie: floor.cookie, latencies: [] as number[], statuses: {} as Record<string, number>, errors: 0 },
    { url: new URL(page.path, base), cookie: page.cookie, latencies: [] as number[], statuses: {} as Record<string, number>, errors: 0 },
  ];
  const end = performance.now() + seconds * 1000;
  try {
    while (performance.now() < end) {
      for (const [i, t] of targets.entries()) {
        try {
          const { ms, status } = await timedGet(agents[i]!, t.url, t.cookie);
          t.latencies.push(ms);
          t.statuses[status] = (t.statuses[status] ?? 0) + 1;
        } catch {
          t.errors++;
        }
      }
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  const [f, p] = targets;
  return { floor: summary(f!.latencies, f!.statuses, f!.errors, seconds / 2), page: summary(p!.latencies, p!.statuses, p!.errors, seconds / 2) };
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
  // The logged parameters are what drizzle handed postgres.js, json ones already text: send them as
  // they are, as drizzle's postgres.js driver sets up the app's client (postgres.js's own json
  // serializer would encode the text again, and json_to_recordset would receive a JSON string).
  const { serializers } = (sql as unknown as { options: { serializers: Record<string, (value: unknown) => unknown> } }).options;
  serializers["114"] = serializers["3802"] = (value) => value;
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
