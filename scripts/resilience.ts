import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { count, like } from "drizzle-orm";
import postgres from "postgres";
import { clients, users } from "../src/db/schema";
import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemo } from "../src/db/seed/demo";
import { executeAction } from "../src/lib/action-core";
import { commitImport, commitImportSpec } from "../src/clients/import";
import { root, serveCommand } from "./lib";

/**
 * npm run test:resilience: restarts the local PostgreSQL server under load and checks that the
 * built app serves again within seconds without being restarted, that no request waits longer
 * than the statement timeout, and that multi-row writes cut by the restart are all or nothing.
 *
 * It restarts the machine's server (`pg_ctlcluster 15 main restart`, as root), which breaks every
 * connection on it, other people's too: it is not part of `npm test`, and it skips (exit 0) where
 * it cannot restart the server. Uses its own database, attune_resilience_<random>, dropped after.
 */
const SERVER = process.env.RESILIENCE_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLUSTER = (process.env.RESILIENCE_PG_CLUSTER ?? "15 main").split(" ");
const PORT = Number(process.env.RESILIENCE_PORT ?? 3225);
const DIST = process.env.NEXT_DIST_DIR || ".next";
// The app's own limit (src/db/client.ts): no statement runs longer than this.
const STATEMENT_TIMEOUT_MS = 15_000;
const LOAD_WORKERS = 8;
const BEFORE_MS = 4_000;
const AFTER_MS = 12_000;

function skip(why: string): never {
  console.log(`test:resilience skipped: ${why}`);
  process.exit(0);
}

if (process.getuid?.() !== 0) skip("it must run as root to restart PostgreSQL with pg_ctlcluster");
if (spawnSync("pg_ctlcluster", [...CLUSTER, "status"]).status !== 0) skip(`no local PostgreSQL cluster "${CLUSTER.join(" ")}" to restart`);
if (!existsSync(path.join(root, DIST, "BUILD_ID"))) skip(`no production build in ${DIST}: run next build first (NEXT_DIST_DIR selects the directory)`);

// postgres.js 3.4.9 can throw from a timer when a connection closes with a write still buffered
// (porsager/postgres#1154, #1208: "Cannot read properties of null (reading 'write')"), which
// would end this process before it cleans up. Such throws are collected and reported.
const driverCrashes: string[] = [];
process.on("uncaughtException", (error) => {
  driverCrashes.push(String(error.stack ?? error).split("\n").slice(0, 3).join(" | "));
});

const name = `attune_resilience_${randomBytes(4).toString("hex")}`;
const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(SERVER);
url.pathname = `/${name}`;
let server: ChildProcess | undefined;

async function cleanUp() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  const fresh = postgres(SERVER, { max: 1, onnotice: () => {} });
  await fresh.unsafe(`drop database if exists ${name} with (force)`).catch((error: unknown) => console.error(`could not drop ${name}: ${String(error)}`));
  await fresh.end({ timeout: 5 });
}

const failures: string[] = [];
try {
  const handle = openDatabase({ url: url.toString(), max: 4 });
  await migrateDatabase(handle);
  await seedDemo(handle.db);

  const [command, args] = serveCommand(PORT);
  server = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: "ignore",
    // The message worker stays off here: this test is about the app server draining and recovering.
    env: { ...process.env, ATTUNE_WORKER: "off", NODE_ENV: "production", NEXT_DIST_DIR: DIST, DATABASE_URL: url.toString(), AUTH_SECRET: randomBytes(48).toString("base64url"), NEXT_TELEMETRY_DISABLED: "1" },
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error("the app did not start within a minute");
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }

  // Load: plain fetch loops on the health check (one query each) and the sign-in page.
  type Sample = { at: number; ms: number; status: number | "error" };
  const samples: Sample[] = [];
  let stop = false;
  const worker = async (i: number) => {
    while (!stop) {
      const at = Date.now();
      const abort = AbortSignal.timeout(STATEMENT_TIMEOUT_MS + 10_000);
      const status = await fetch(`${base}${i % 4 === 0 ? "/login" : "/api/health"}`, { signal: abort }).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        () => "error" as const,
      );
      samples.push({ at, ms: Date.now() - at, status });
    }
  };

  // Multi-row writes: an import of 40 clients in one transaction, over and over, from this process
  // with the app's own database client; each batch has its own record-number prefix.
  const [counselor] = await handle.db.select().from(users).where(like(users.email, "counselor@%"));
  const actor = { userId: counselor!.id, organisationId: counselor!.organisationId, role: counselor!.role, name: counselor!.name, email: counselor!.email };
  const batches: { prefix: string; outcome: string }[] = [];
  const writer = async (w: number) => {
    for (let b = 0; !stop; b++) {
      const prefix = `RS${w}x${b}x`;
      const rows = Array.from({ length: 40 }, (_, i) => `Resilience ${w} ${b} ${i},${prefix}${i},trauma,${counselor!.email},2026-01-05`);
      const outcome = await executeAction(handle.db, actor, commitImportSpec, commitImport, { csv: `name,record_number,recovery_focus,primary_counselor_email,start_date\n${rows.join("\n")}\n` }, { ip: "127.0.0.1", userAgent: "resilience" }).then(
        (o) => o.kind,
        (e: unknown) => `threw: ${String((e as Error).message).slice(0, 80)}`,
      );
      batches.push({ prefix, outcome });
    }
  };

  const running = [...Array.from({ length: LOAD_WORKERS }, (_, i) => worker(i)), writer(0), writer(1)];
  await new Promise((r) => setTimeout(r, BEFORE_MS));
  console.log(`restarting PostgreSQL (pg_ctlcluster ${CLUSTER.join(" ")} restart) under load…`);
  const restartStarted = Date.now();
  const restart = spawnSync("pg_ctlcluster", [...CLUSTER, "restart"], { encoding: "utf8" });
  const restartDone = Date.now();
  if (restart.status !== 0) throw new Error(`pg_ctlcluster restart failed: ${restart.stderr}`);
  await new Promise((r) => setTimeout(r, AFTER_MS));
  stop = true;
  const settled = await Promise.race([Promise.all(running).then(() => true), new Promise<false>((r) => setTimeout(() => r(false), STATEMENT_TIMEOUT_MS + 5_000))]);
  if (!settled) driverCrashes.push("a load loop or a write never settled after the restart (the driver lost its callback)");

  const health = samples.filter((s) => s.at >= restartDone && s.status === 200).sort((a, b) => a.at + a.ms - (b.at + b.ms));
  const firstOk = health[0];
  const recovery = firstOk ? firstOk.at + firstOk.ms - restartDone : Infinity;
  const slowest = samples.reduce((m, s) => Math.max(m, s.ms), 0);
  const failed = samples.filter((s) => s.status !== 200);
  const lastFailure = failed.reduce((m, s) => Math.max(m, s.at + s.ms), 0);
  console.log(
    [
      `requests: ${samples.length}, failed: ${failed.length} (${[...new Set(failed.map((s) => s.status))].join(", ") || "none"}), slowest: ${slowest} ms`,
      `restart took ${restartDone - restartStarted} ms; first success after it: ${recovery} ms; last failure ${lastFailure ? lastFailure - restartDone : 0} ms after it`,
    ].join("\n"),
  );
  if (recovery > 5_000) failures.push(`the app served again only ${recovery} ms after PostgreSQL was back`);
  if (slowest >= STATEMENT_TIMEOUT_MS) failures.push(`a request took ${slowest} ms, past the ${STATEMENT_TIMEOUT_MS} ms statement timeout`);
  if (samples.filter((s) => s.at > restartDone + 5_000).some((s) => s.status !== 200)) failures.push("requests still failed more than 5 s after the restart");

  // All or nothing: every batch has 0 or 40 clients, and every batch reported saved has 40.
  const check = openDatabase({ url: url.toString(), max: 1 });
  const partial: string[] = [];
  for (const batch of batches) {
    const [row] = await check.db.select({ n: count() }).from(clients).where(like(clients.recordNumber, `${batch.prefix}%`));
    const n = Number(row!.n);
    if (n !== 0 && n !== 40) partial.push(`${batch.prefix}: ${n} of 40`);
    if (batch.outcome === "ok" && n !== 40) partial.push(`${batch.prefix}: reported saved, ${n} of 40 rows`);
  }
  const outcomes = batches.reduce<Record<string, number>>((m, b) => ({ ...m, [b.outcome.startsWith("threw") ? "threw" : b.outcome]: (m[b.outcome.startsWith("threw") ? "threw" : b.outcome] ?? 0) + 1 }), {});
  console.log(`multi-row writes: ${batches.length} batches of 40 (${JSON.stringify(outcomes)}); half-written: ${partial.length}`);
  if (partial.length) failures.push(`half-written batches: ${partial.join("; ")}`);
  await check.close();
  await handle.close();
} finally {
  await cleanUp();
  await admin.end({ timeout: 5 }).catch(() => undefined);
}

if (driverCrashes.length) {
  console.warn(
    `WARNING: the database driver threw outside any query ${driverCrashes.length} time(s) in this process during the restart ` +
      `(postgres.js 3.4.9, porsager/postgres#1154 and #1208, unfixed upstream); a plain Node process dies of it; the app server logs it (Next's router server registers an uncaughtException handler, in scripts/serve.ts as in next start) and goes on:\n  ${driverCrashes[0]}`,
  );
}
if (failures.length) {
  console.error(`test:resilience FAILED:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("test:resilience passed");
