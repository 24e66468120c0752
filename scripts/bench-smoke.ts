/**
 * The benchmark's smoke test, a step of npm test (issue 10): the data pages of `npm run bench` on a
 * small copy of the large data set, checked for what does not depend on the machine's speed.
 *
 * Seeds the large generator at a small scale into a throwaway database (a fresh PGlite directory
 * under the OS temp directory, or a fresh database on TEST_DATABASE_URL's server when that is
 * set), serves the production build on it (scripts/serve.ts, logging every statement), signs in as
 * the seed's users and requests every bench page a few times. Fails unless every request answers
 * 200 with at most MAX_STATEMENTS statements, and a roster's deep page sends as many as its first
 * page. Timings are printed, never judged: that is `npm run bench`'s job on the full data set.
 * The server is stopped and the database removed whatever happens (a failure, Ctrl-C, the
 * watchdog): run it as `npm run bench:smoke` (node --import tsx), not through the tsx CLI, which
 * kills a busy child outright on Ctrl-C before it can clean up.
 *
 *   --scale 0.01   the large generator's scale (200 clients; the busiest client keeps >500 check-ins)
 *   --rounds 3     counted requests per page (after two warm-up requests)
 *   --port N       the server's port (default BENCH_PORT, else a free one)
 *   --timeout 300  seconds before it gives up, cleaning up
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { LARGE_PASSWORD, seedLargeDataset } from "../src/db/seed/large";
import { freePort, root } from "./lib";
import { percentile, queriesSince, type LoggedQuery } from "./bench/measure";
import { benchPages, type BenchPage } from "./bench/pages";
import { table } from "./bench/report";
import { getPage, signIn, startServer, warmPage, type Server } from "./bench/server";

/** SPEC.md: "a constant number of queries (at most 4) whatever the page size". */
const MAX_STATEMENTS = 4;

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "0.01" },
    rounds: { type: "string", default: "3" },
    port: { type: "string", default: process.env.BENCH_PORT },
    timeout: { type: "string", default: "300" },
  },
});
const seed = "42";
const scale = Number(values.scale);
const rounds = Math.max(1, Number(values.rounds));
const distDir = process.env.NEXT_DIST_DIR || ".next";
const serverUrl = process.env.TEST_DATABASE_URL || undefined;

const started = Date.now();
const seconds = (since = started) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.error(`bench smoke: no production build in ${distDir}: run next build first (npm test builds before this step).`);
  process.exit(1);
}

// Everything to undo, in reverse order, once: on success, on failure, on a signal or the watchdog.
const undo: Array<[string, () => Promise<void> | void]> = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const [what, step] of undo.reverse()) {
      try {
        await step();
      } catch (e) {
        console.error(`bench smoke: could not ${what}: ${(e as Error).message}`);
      }
    }
  })();
  return cleaning;
}
async function abort(message: string, code = 1): Promise<never> {
  console.error(`\nbench smoke FAILED: ${message}`);
  await cleanUp();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => void abort(`stopped by ${signal}`, 130));
setTimeout(() => void abort(`did not finish within ${values.timeout} s`), Number(values.timeout) * 1000).unref();


/** Waits until the query log stops growing (a page's audit write may land just after its response). */
async function settledSize(file: string): Promise<number> {
  let size = statSync(file).size;
  let still = 0;
  for (let i = 0; i < 60 && still < 3; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const now = statSync(file).size;
    still = now === size ? still + 1 : 0;
    size = now;
  }
  return size;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 120);

interface Outcome {
  page: BenchPage;
  ms: number[];
  counts: number[];
  /** The statements of the request that sent the most. */
  worst: LoggedQuery[];
  error?: string;
}

try {
  const work = mkdtempSync(path.join(os.tmpdir(), "attune-bench-smoke-"));
  undo.push(["remove the temporary directory", () => rmSync(work, { recursive: true, force: true })]);

  // The throwaway database.
  let url: string | undefined;
  let dataDir: string | undefined;
  if (serverUrl) {
    const name = `attune_smoke_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    undo.push([
      `drop the database ${name}`,
      async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      },
    ]);
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
  } else {
    dataDir = path.join(work, "pglite");
  }
  const where = url ? `PostgreSQL (database ${new URL(url).pathname.slice(1)})` : `PGlite (${dataDir})`;

  // Seed, and work out the pages' URLs (roster cursors, client ids) before the server opens the database.
  let t0 = Date.now();
  const handle = openDatabase(url ? { url, max: 1 } : { dataDir });
  let pages: BenchPage[];
  let singlePage: string[];
  let seeded: Awaited<ReturnType<typeof seedLargeDataset>>;
  try {
    await migrateDatabase(handle);
    seeded = await seedLargeDataset(handle, {
      seed: Number(seed),
      clients: Math.round(20_000 * scale),
      counselors: Math.max(10, Math.round(200 * scale)),
      auditPerClient: 25,
      secondOrgClients: 0,
    });
    // A filter that leaves one page has no deep page: its "deep" URL is page 1's again.
    const all = await benchPages(handle.db, seed);
    const onePage = (p: BenchPage) => p.name.endsWith(" deep") && all.some((q) => q.name === p.name.replace(/ deep$/, " p1") && q.path === p.path);
    pages = all.filter((p) => !onePage(p));
    singlePage = all.filter(onePage).map((p) => p.name.replace(/ deep$/, ""));
  } finally {
    await handle.close();
  }
  const c = seeded.counts;
  console.log(`bench smoke: seeded ${c.clients} clients, ${c.checkins} check-ins (busiest client ${c.busiestClientCheckins}), ${c.notes} notes, ${c.auditEvents} audit events into ${where} in ${seconds(t0)}`);

  // The production build on it, logging every statement it sends.
  t0 = Date.now();
  const logFile = path.join(work, "queries.jsonl");
  writeFileSync(logFile, "");
  const port = values.port ? Number(values.port) : await freePort();
  const server: Server = await startServer(port, {
    DATABASE_URL: url ?? "",
    ...(dataDir ? { ATTUNE_DATA_DIR: dataDir } : {}),
    AUTH_SECRET: randomBytes(48).toString("base64url"),
    ATTUNE_QUERY_LOG: logFile,
  });
  undo.push(["stop the server", () => server.stop()]);
  console.log(`bench smoke: ${distDir} serving on ${server.base} after ${seconds(t0)}`);

  t0 = Date.now();
  const who = { counselor: seeded.busiestCounselorEmail, director: seeded.directorEmail, admin: seeded.adminEmail };
  const cookies = {} as Record<BenchPage["as"], string>;
  for (const role of ["counselor", "director", "admin"] as const) cookies[role] = await signIn(server.base, who[role], LARGE_PASSWORD);

  const outcomes: Outcome[] = [];
  for (const page of pages) {
    const outcome: Outcome = { page, ms: [], counts: [], worst: [] };
    outcomes.push(outcome);
    try {
      // Two warm-up requests: the first fills the caches a page keeps (instrument files, RCI parameters).
      await warmPage(server.base, page.path, cookies[page.as]);
      await getPage(server.base, page.path, cookies[page.as]);
      let offset = await settledSize(logFile);
      for (let i = 0; i < rounds; i++) {
        const { ms } = await getPage(server.base, page.path, cookies[page.as]);
        const end = await settledSize(logFile);
        const { queries } = queriesSince(logFile, offset);
        offset = end;
        outcome.ms.push(ms);
        outcome.counts.push(queries.length);
        if (queries.length > outcome.worst.length) outcome.worst = queries;
      }
    } catch (e) {
      outcome.error = (e as Error).message.split("\n")[0];
    }
  }
  console.log(`bench smoke: ${outcomes.length} pages × ${rounds + 2} requests in ${seconds(t0)}`);

  // The checks.
  const failures: string[] = [];
  const verdicts = new Map<Outcome, string>();
  for (const o of outcomes) {
    const most = Math.max(0, ...o.counts);
    const fewest = Math.min(...o.counts);
    if (o.error) failures.push(`${o.page.label}: ${o.error}`);
    else if (most > MAX_STATEMENTS) failures.push(`${o.page.label}: ${most} statements in one request (at most ${MAX_STATEMENTS})`);
    // Every signed-in page reads the session's user at least: none logged means the count is not working.
    else if (fewest === 0) failures.push(`${o.page.label}: a request with no statement logged (is ATTUNE_QUERY_LOG honoured by the build?)`);
    verdicts.set(o, o.error ? "FAIL (error)" : most > MAX_STATEMENTS ? `FAIL (> ${MAX_STATEMENTS})` : fewest === 0 ? "FAIL (none)" : "ok");
  }
  const show = new Set(outcomes.filter((o) => Math.max(0, ...o.counts) > MAX_STATEMENTS));
  let deepPages = 0;
  for (const deep of outcomes.filter((o) => o.page.name.endsWith(" deep"))) {
    const first = outcomes.find((o) => o.page.name === deep.page.name.replace(/ deep$/, " p1"));
    if (!first || first.error || deep.error) continue;
    deepPages++;
    const a = [...new Set(first.counts)].join("/");
    const b = [...new Set(deep.counts)].join("/");
    if (a !== b) {
      failures.push(`${deep.page.label}: ${b} statements, but ${a} on page 1 (the count must not depend on the depth)`);
      verdicts.set(deep, `FAIL (≠ page 1)`);
      show.add(first).add(deep);
    }
  }
  if (deepPages === 0) failures.push(`no roster sort has a second page at scale ${scale}: the depth check did not run (raise --scale)`);

  const range = (xs: number[]) => (xs.length === 0 ? "–" : Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}–${Math.max(...xs)}`);
  console.log(`\nData pages on ${where}, ${rounds} counted requests each; statements per request (at most ${MAX_STATEMENTS}); times are not checked here (npm run bench):\n`);
  console.log(
    table(
      ["page", "median ms", "statements", "check"],
      outcomes.map((o) => [o.page.label, o.ms.length ? percentile(o.ms, 0.5).toFixed(1) : "–", range(o.counts), verdicts.get(o)!]),
    ),
  );
  const notes = [
    ...outcomes.filter((o) => o.page.note).map((o) => `- ${o.page.label}: ${o.page.note}`),
    ...singlePage.map((name) => `- ${name}: one page only at this scale, so no deep page to compare`),
  ];
  if (notes.length) console.log(["", ...notes].join("\n"));

  if (failures.length) {
    console.error(`\nbench smoke FAILED (${failures.length}):`);
    for (const f of failures) console.error(`- ${f}`);
    for (const o of outcomes.filter((o) => show.has(o))) {
      console.error(`\n${o.page.label} (${o.page.path}), the statements of its busiest request:`);
      o.worst.forEach((q, i) => console.error(`  ${i + 1}. ${oneLine(q.sql)}`));
    }
    await cleanUp();
    console.error(`\nbench smoke: failed after ${seconds()}.`);
    process.exit(1);
  }
  await cleanUp();
  console.log(`\nbench smoke: passed in ${seconds()}.`);
  process.exit(0);
} catch (e) {
  await abort((e as Error).stack ?? String(e));
}
