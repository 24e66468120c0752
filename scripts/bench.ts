/**
 * npm run bench: the SPEC.md budgets measured on the large data set (npm run db:seed:large into
 * DATABASE_URL first; see the README's Performance section). Builds the app if there is no build,
 * runs `next start` against DATABASE_URL, signs in through the login flow, and measures every data
 * page against the framework floor; then the exports, 50 concurrent counselors, Lighthouse and
 * PGlite versus PostgreSQL. Prints one table and writes the same as JSON under bench-results/.
 *
 *   --duration 8     seconds of load per page and concurrency (1 and 10 connections)
 *   --soak 60        seconds of the 50-counselor run
 *   --only a,b       only these parts: pages, exports, signin, soak, lighthouse, pglite, fit, messages
 *   --build          build even when a build exists
 *   --cluster        only this: the caseload and roster on one instance against two behind
 *                    HAProxy and PgBouncer (needs haproxy and pgbouncer; scripts/bench/cluster.ts)
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { nextBin, root, run } from "./lib";
import { benchCluster, renderCluster, type ClusterResult } from "./bench/cluster";
import { benchExports, type ExportResult } from "./bench/exports";
import { benchFit, fitVerdict, type FitResult } from "./bench/fit";
import { benchLighthouse, type LighthouseResult } from "./bench/lighthouse";
import { load, pairedLoad, queriesSince, replay, type LoadResult } from "./bench/measure";
import { benchDeliveryWithPage, benchMessages, type MessagesResult } from "./bench/messages";
import { benchPglite, type PgliteResult } from "./bench/pglite";
import { benchPages, type BenchPage } from "./bench/pages";
import { getPage, signIn, startServer, warmPage } from "./bench/server";
import { renderReport, sendingVerdict, soakVerdict, type PageResult } from "./bench/report";
import { benchSignIn, type SignInResult } from "./bench/sign-in";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "8" },
    soak: { type: "string", default: "60" },
    only: { type: "string" },
    build: { type: "boolean", default: false },
    cluster: { type: "boolean", default: false },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3222" },
    seed: { type: "string", default: "42" },
  },
});
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/attune_large";
if (!url.startsWith("postgres")) throw new Error("DATABASE_URL must name the PostgreSQL database holding the large data set.");
const parts = new Set((values.cluster ? "cluster" : (values.only ?? "pages,exports,signin,soak,lighthouse,pglite,fit,messages")).split(","));
const seconds = Number(values.duration);
const port = Number(values.port);
const seed = values.seed!;
const distDir = process.env.NEXT_DIST_DIR || ".next";
const password = "attune-large-data";


// Only the parts that run the app need a build (the PGlite and fit parts do not; the messages part
// times a page while they go out).
const needsApp = ["pages", "exports", "signin", "soak", "lighthouse", "cluster", "messages"].some((part) => parts.has(part));
if (needsApp && (!existsSync(path.join(root, distDir, "BUILD_ID")) || values.build)) {
  console.log(`Building into ${distDir}…`);
  const code = await run(nextBin, ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) process.exit(code);
}

{
  // The same migrations the app runs; a data set seeded before the latest one catches up here.
  const handle = openDatabase({ url, max: 1 });
  await migrateDatabase(handle);
  await handle.close();
}
const sql = postgres(url, { max: 2, onnotice: () => {} });
const env = { DATABASE_URL: url, AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(48).toString("base64url") };
const started = new Date();
const results: {
  machine: Record<string, string | number>;
  pages: PageResult[];
  floor?: PageResult;
  exports?: ExportResult;
  soak?: LoadResult & { counselors: number; seconds: number };
  lighthouse?: LighthouseResult[];
  pglite?: PgliteResult;
  messages?: MessagesResult;
  signIn?: SignInResult;
  cluster?: ClusterResult;
  fit?: FitResult;
} = {
  machine: {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: ((await sql`show server_version`)[0]?.server_version as string) ?? "?",
    database: new URL(url).pathname.slice(1),
    load: os.loadavg().map((l) => l.toFixed(1)).join(" "),
    date: started.toISOString(),
  },
  pages: [],
};

const who = {
  counselor: `counselor0.s${seed}@large.example`,
  director: `director.s${seed}@large.example`,
  admin: `admin.s${seed}@large.example`,
};

if (parts.has("pages")) {
  const pagesHandle = openDatabase({ url, max: 1 });
  const pages: BenchPage[] = [{ name: "floor", path: "/bench-floor", as: "counselor", label: "framework floor" }, ...(await benchPages(pagesHandle.db, seed).finally(() => pagesHandle.close()))];
  // Pass 1: a server that logs every statement, to count each page's queries and replay them.
  const logFile = path.join(os.tmpdir(), `attune-bench-queries-${process.pid}.jsonl`);
  writeFileSync(logFile, "");
  const counting = await startServer(port, { ...env, ATTUNE_QUERY_LOG: logFile });
  const captured = new Map<string, Awaited<ReturnType<typeof queriesSince>>["queries"]>();
  // Quiet: nothing logged for a second (a page's first visit may start background work, such
  // as refreshing stale RCI parameters, whose statements belong to no request).
  const quiet = async () => {
    for (let last = -1, i = 0; i < 120; i++) {
      const size = queriesSince(logFile, 0).end;
      if (size === last) return;
      last = size;
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  try {
    // Every page once first, then wait for the server to go quiet, then count.
    for (const page of pages) await warmPage(counting.base, page.path, await signIn(counting.base, who[page.as], password));
    await quiet();
    for (const page of pages) {
      const cookie = await signIn(counting.base, who[page.as], password);
      await warmPage(counting.base, page.path, cookie);
      await getPage(counting.base, page.path, cookie);
      await quiet();
      let offset = queriesSince(logFile, 0).end;
      // The session check, the page and its audit write: one request, nothing else running.
      await getPage(counting.base, page.path, cookie);
      await new Promise((r) => setTimeout(r, 200));
      const { queries, end } = queriesSince(logFile, offset);
      offset = end;
      captured.set(page.name, queries);
    }
  } finally {
    await counting.stop();
    rmSync(logFile, { force: true });
  }
  // Pass 2: a plain server, timed with autocannon at one user and at ten.
  const server = await startServer(port, env);
  try {
    for (const page of pages) {
      const cookie = await signIn(server.base, who[page.as], password);
      await warmPage(server.base, page.path, cookie);
      for (let i = 0; i < 20; i++) await getPage(server.base, page.path, cookie);
      // At one user the page alternates with its floor, request by request (see pairedLoad). The
      // floor is signed in as the page's own user: the same layout means the same navigation
      // (an administrator's shell is not a counselor's) and the same session check.
      let floorNow: LoadResult | undefined;
      let one: LoadResult;
      if (page.name === "floor") one = await load(`${server.base}${page.path}`, [cookie], 1, seconds);
      else ({ floor: floorNow, page: one } = await pairedLoad(server.base, { path: page.floorPath ?? "/bench-floor", cookie }, { path: page.path, cookie }, 2 * seconds));
      const ten = await load(`${server.base}${page.path}`, [cookie], 10, seconds);
      // The floor at ten users right after the page, for the page's share of it (same run, same machine).
      const floorTen = page.name === "floor" ? undefined : await load(`${server.base}${page.floorPath ?? "/bench-floor"}`, [cookie], 10, seconds);
      const queries = captured.get(page.name) ?? [];
      const sqlTime = queries.length ? await replay(sql, queries) : { median: 0 };
      const result: PageResult = { name: page.label, path: page.path, as: page.as, queries: queries.length, sqlMs: sqlTime.median, one, ten, note: page.note, floorMs: floorNow?.median, floorPath: page.floorPath, floorRps10: floorTen?.rps };
      if (page.name === "floor") results.floor = result;
      else results.pages.push(result);
      console.log(`  ${page.label}: ${one.median.toFixed(1)} ms median, ${one.p95.toFixed(1)} ms p95, ${ten.rps.toFixed(0)} req/s at 10${floorTen ? ` (floor ${floorTen.rps.toFixed(0)})` : ""}, ${queries.length} queries, SQL ${sqlTime.median.toFixed(2)} ms`);
    }
  } finally {
    await server.stop();
  }
  const floor = results.floor!;
  for (const p of results.pages) {
    p.floorMs ??= floor.one.median;
    p.budgetMs = p.floorMs + 1.5 * p.sqlMs + 3;
    // SPEC: at most 4 statements per request, whatever the page size or depth.
    p.verdict = p.one.median <= p.budgetMs && p.one.p95 <= 2 * p.budgetMs && p.one.errors + p.one.non2xx === 0 && p.queries <= 4 ? "pass" : "FAIL";
  }
}

if (parts.has("exports") || parts.has("signin") || parts.has("soak") || parts.has("lighthouse")) {
  const server = await startServer(port, env);
  try {
    const blocked = (e: unknown) => (e as Error).message.split("\n")[0]!;
    if (parts.has("exports")) {
      try {
        results.exports = await benchExports(server.base, sql, { ...who, password, url });
      } catch (e) {
        results.exports = { pdf: { blocked: `failed: ${blocked(e)} (${(e as Error & { cause?: Error }).cause?.message ?? ""})` }, caseloadCsv: { blocked: "not run after the PDF failure" } };
      }
    }
    if (parts.has("signin")) {
      // Accounts the soak and the pages do not use, so no session of theirs is disturbed.
      const emails = Array.from({ length: 25 }, (_, i) => `counselor${100 + i}.s${seed}@large.example`);
      results.signIn = await benchSignIn(server.base, emails, password);
      console.log(`  sign-in: median ${results.signIn.median.toFixed(1)} ms, p95 ${results.signIn.p95.toFixed(1)} ms (${results.signIn.succeeded}/${results.signIn.attempts} signed in)`);
    }
    if (parts.has("soak") && server.child.exitCode !== null) throw new Error("the server stopped during the exports");
    if (parts.has("soak")) {
      const soakSeconds = Number(values.soak);
      const cookies: string[] = [];
      for (let i = 0; i < 20; i++) cookies.push(await signIn(server.base, `counselor${i}.s${seed}@large.example`, password));
      console.log(`  50 concurrent counselors (20 accounts) on the caseload for ${soakSeconds} s…`);
      const soak = await load(`${server.base}/caseload`, cookies, 50, soakSeconds);
      results.soak = { ...soak, counselors: 50, seconds: soakSeconds };
    }
    if (parts.has("lighthouse")) {
      try {
        results.lighthouse = await benchLighthouse(server.base, sql, { ...who, password });
      } catch (e) {
        results.lighthouse = [{ page: "all", blocked: `failed: ${blocked(e)}` }];
      }
    }
  } finally {
    await server.stop();
  }
}

if (parts.has("pglite")) {
  try {
    results.pglite = await benchPglite(sql, seed, url);
  } catch (e) {
    console.log(`  PGlite comparison failed: ${(e as Error).message.split("\n")[0]}`);
  }
}
if (parts.has("cluster")) results.cluster = await benchCluster(url, { ...who, password }, seconds);
if (parts.has("fit")) {
  try {
    results.fit = benchFit(url);
    console.log(`  expected recovery refit: ${results.fit.runs.map((r) => Math.round(r.refitMs)).join(", ")} ms (${fitVerdict(results.fit)})`);
  } catch (e) {
    console.log(`  expected recovery fit failed: ${(e as Error).message.split("\n")[0]}`);
  }
}
if (parts.has("messages")) {
  try {
    results.messages = benchMessages(url, 10_000, "scan");
    // The delivery, with the busiest counselor's caseload timed before and while the messages go out.
    const server = await startServer(port, env);
    try {
      const cookie = await signIn(server.base, who.counselor, password);
      await warmPage(server.base, "/caseload", cookie);
      const sent = await benchDeliveryWithPage(url, 10_000, { base: server.base, path: "/caseload", cookie }, 2 * seconds);
      results.messages = { ...results.messages, ...sent };
    } finally {
      await server.stop();
    }
  } catch (e) {
    console.log(`  Messages benchmark failed: ${(e as Error).message.split("\n")[0]}`);
  }
}
await sql.end({ timeout: 5 });

const text = [renderReport(results), ...(results.cluster ? [renderCluster(results.cluster)] : [])].join("\n\n");
console.log(`\n${text}`);
mkdirSync(path.join(root, "bench-results"), { recursive: true });
const stamp = started.toISOString().replace(/[:.]/g, "-");
writeFileSync(path.join(root, "bench-results", `bench-${stamp}.json`), JSON.stringify(results, null, 2));
writeFileSync(path.join(root, "bench-results", `bench-${stamp}.txt`), text + "\n");
console.log(`\nWritten to bench-results/bench-${stamp}.json (and .txt).`);
const failed =
  (results.messages?.scan && results.messages.scan.ms >= 5000 ? 1 : 0) +
  (results.messages?.delivery && results.messages.delivery.perSecond < 200 ? 1 : 0) +
  (results.messages?.pageWhileSending && sendingVerdict(results.messages.pageWhileSending) === "FAIL" ? 1 : 0) +
  results.pages.filter((p) => p.verdict === "FAIL").length + (results.soak && soakVerdict(results.soak) === "FAIL" ? 1 : 0) + (results.signIn && results.signIn.p95 >= 150 ? 1 : 0) + (results.fit && fitVerdict(results.fit) === "FAIL" ? 1 : 0);
process.exit(failed > 0 ? 1 : 0);
