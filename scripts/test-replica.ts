import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle, type Db } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { chooseReadDatabase, primaryPosition } from "../src/db/read-replica";
import { seedDemo } from "../src/db/seed/demo";
import { buildIfNeeded } from "./build-if-needed";
import { HttpClient } from "./cluster/http";
import { freePort, root, serveCommand } from "./lib";
import { startGroup, stopAll, stopGroup, systemUser, type Started } from "./cluster/processes";

/**
 * npm run test:replica: lag-tolerant reads on a real streaming replica (src/db/read-replica.ts).
 *
 * Makes its own PostgreSQL primary (initdb) and a streaming replica of it (pg_basebackup -R), both
 * in a temporary directory on ports of their own (5440-5449 when free), as the postgres user when
 * run as root; migrates the primary; then pauses the replica's replay to make lag on purpose:
 * - a person who has just written reads the primary (and sees the write), never the lagging replica;
 * - a person who has not written reads the replica (and, lag being tolerated there, not yet the write);
 * - once the replica has replayed the write, the writer's reads go to the replica again;
 * - with the replica down, reads fall back to the primary;
 * - over HTTP, on the production build: a supervisor discharges a client while the replica lags,
 *   and their caseload export shows the discharge at once (a copy of their session that did not
 *   write still gets the replica's older copy).
 * Everything is stopped by its process group; the directory is removed.
 * Without PostgreSQL's server programs, it says so and exits 0 when CLUSTER_OPTIONAL=1 (npm test).
 */
const optional = process.env.CLUSTER_OPTIONAL === "1";
function skip(reason: string): never {
  console.log(`test:replica ${optional ? "skipped" : "cannot run"}: ${reason}`);
  process.exit(optional ? 0 : 1);
}

const pgConfig = spawnSync("sh", ["-c", "command -v pg_config >/dev/null && pg_config --bindir || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1"], { encoding: "utf8" });
const bin = pgConfig.stdout.trim().split("\n").pop() ?? "";
if (!bin || spawnSync(path.join(bin, "initdb"), ["--version"]).status !== 0) skip("no initdb (Debian: apt-get install postgresql).");
const runAs = process.getuid?.() === 0 ? systemUser("postgres") : null;
if (process.getuid?.() === 0 && !runAs) skip("running as root without a postgres user to run PostgreSQL as.");

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

const work = mkdtempSync(path.join(os.tmpdir(), "attune-replica-"));
chmodSync(work, 0o755);
if (runAs) chownSync(work, runAs.uid, runAs.gid);
let exitCode = 1;
const handles: DatabaseHandle[] = [];

function runTool(tool: string, args: string[]): void {
  const result = spawnSync(path.join(bin, tool), args, { encoding: "utf8", cwd: work, uid: runAs?.uid, gid: runAs?.gid });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
}

async function portInRange(taken: number[]): Promise<number> {
  const { createServer } = await import("node:net");
  for (let port = 5440; port <= 5449; port++) {
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  return freePort();
}

function startPostgres(name: string, dir: string): Started {
  return startGroup(name, work, path.join(bin, "postgres"), ["-D", dir], { cwd: work, ...(runAs ?? {}) });
}

async function waitFor(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** A server action's id in the build, as the browser would send it. */
function actionIdFor(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!found) throw new Error(`No action ${name} from ${file} in the build.`);
  return found[0];
}

const hasRow = async (db: Db, name: string) => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from organisations where name = ${name}`))[0]!.n === 1;

try {
  const primaryPort = await portInRange([]);
  const replicaPort = await portInRange([primaryPort]);
  const primaryDir = path.join(work, "primary");
  const replicaDir = path.join(work, "replica");
  runTool("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--no-sync"]);
  appendFileSync(
    path.join(primaryDir, "postgresql.conf"),
    `\nport = ${primaryPort}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${work}'\nwal_level = replica\nmax_wal_senders = 4\nfsync = off\n`,
  );
  const primaryProcess = startPostgres("primary", primaryDir);
  const admin = openDatabase({ url: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`, max: 1 });
  handles.push(admin);
  await waitFor(async () => (await admin.db.execute(sql`select 1`), true), 30_000, "the primary");
  await admin.db.execute(sql`create database attune`);

  // pg_basebackup -R writes standby.signal and the primary's address: a streaming replica.
  runTool("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replicaDir, "-R", "-X", "stream", "--no-sync"]);
  appendFileSync(path.join(replicaDir, "postgresql.auto.conf"), `\nport = ${replicaPort}\n`);
  const replicaProcess = startPostgres("replica", replicaDir);

  const primary = openDatabase({ url: `postgres://postgres@127.0.0.1:${primaryPort}/attune`, max: 4 });
  const replica = openDatabase({ url: `postgres://postgres@127.0.0.1:${replicaPort}/attune`, max: 2 });
  handles.push(primary, replica);
  await migrateDatabase(primary);
  await waitFor(async () => (await replica.db.execute(sql`select 1 from organisations limit 1`), true), 30_000, "the replica to have the schema");
  console.log(`Primary on :${primaryPort}, streaming replica on :${replicaPort}, migrated.`);

  const replicaSql = replica.raw.driver === "postgres" ? replica.raw.sql : null;
  if (!replicaSql) throw new Error("expected postgres.js");

  // An earlier write the replica has replayed.
  await primary.db.execute(sql`insert into organisations (name, is_demo) values ('Replica test: earlier', true)`);
  const earlier = await primaryPosition(primary);
  await waitFor(async () => (await chooseReadDatabase(primary.db, replica, earlier)).source === "replica", 15_000, "the replica to replay the earlier write");

  // Lag on purpose: the replica stops replaying.
  await replicaSql`select pg_wal_replay_pause()`;
  await primary.db.execute(sql`insert into organisations (name, is_demo) values ('Replica test: just written', true)`);
  const wrote = await primaryPosition(primary);

  const writer = await chooseReadDatabase(primary.db, replica, wrote);
  check(writer.source === "primary" && (await hasRow(writer.db, "Replica test: just written")), "the person who has just written reads the primary, and sees it");
  const someoneElse = await chooseReadDatabase(primary.db, replica, undefined);
  check(someoneElse.source === "replica" && !(await hasRow(someoneElse.db, "Replica test: just written")), "someone who has not written reads the lagging replica (the write not there yet)");
  const earlierWriter = await chooseReadDatabase(primary.db, replica, earlier);
  check(earlierWriter.source === "replica" && (await hasRow(earlierWriter.db, "Replica test: earlier")), "a person whose last write the replica has replayed reads the replica");
  const forged = await chooseReadDatabase(primary.db, replica, "not a position'; select 1");
  check(forged.source === "replica", "a cookie that is not a WAL position is ignored (never sent as SQL)");

  await replicaSql`select pg_wal_replay_resume()`;
  await waitFor(async () => (await chooseReadDatabase(primary.db, replica, wrote)).source === "replica", 15_000, "the replica to catch up");
  const caughtUp = await chooseReadDatabase(primary.db, replica, wrote);
  check(caughtUp.source === "replica" && (await hasRow(caughtUp.db, "Replica test: just written")), "once the replica has replayed the write, the writer reads the replica, and sees it");

  // ---- the same over HTTP, on the production build ----
  console.log("Over HTTP: a supervisor's own write and the caseload export");
  await buildIfNeeded({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  await seedDemo(primary.db);
  const appPort = await freePort();
  const [command, args] = serveCommand(appPort, "127.0.0.1");
  const app = startGroup("app", work, command, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      ATTUNE_MAIL_OUTBOX_ONLY: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: `postgres://postgres@127.0.0.1:${primaryPort}/attune`,
      DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${replicaPort}/attune`,
      AUTH_SECRET: randomBytes(48).toString("base64url"),
    },
  });
  const supervisor = new HttpClient({ port: appPort });
  await waitFor(async () => (await supervisor.get("/api/health")).status === 200, 90_000, "the app");
  const signedIn = await supervisor.signIn("supervisor@attune.demo", "attune-demo");
  if (signedIn.status !== 302) throw new Error(`sign-in answered ${signedIn.status}`);
  const statusIn = async (client: HttpClient, clientId: string) => {
    const csv = await client.get("/api/team/caseload");
    if (csv.status !== 200) throw new Error(`caseload export answered ${csv.status}: ${csv.body.slice(0, 200)}`);
    return csv.body.split("\n").find((line) => line.startsWith(clientId))?.split(",")[3];
  };
  const primarySql = primary.raw.driver === "postgres" ? primary.raw.sql : null;
  const [target] = await primarySql!<{ id: string; version: number }[]>`
    select c.id, c.version from clients c join users u on u.id = c.primary_counselor_id
    where u.email = 'counselor@attune.demo' and c.status = 'active' order by c.record_number limit 1`;
  await waitFor(async () => (await statusIn(supervisor, target!.id)) === "active", 15_000, "the client in the export");
  const otherDevice = supervisor.copy();

  await replicaSql`select pg_wal_replay_pause()`;
  const dischargeId = actionIdFor("src/clients/actions.ts", "dischargeClientAction");
  const discharged = await supervisor.action(`/clients/${target!.id}`, dischargeId, {
    fields: { clientId: target!.id, version: String(target!.version), dischargedOn: new Date().toISOString().slice(0, 10), reason: "Completed the programme (replica test)." },
  });
  check(discharged.status === 200 && /discharged/.test(discharged.body), `the supervisor discharges a client while the replica is paused (HTTP ${discharged.status})`);
  check([...supervisor.jar.keys()].some((k) => k.endsWith("attune.wrote")), "the write leaves its WAL position in the supervisor's cookie");
  check((await statusIn(supervisor, target!.id)) === "discharged", "the supervisor's own caseload export shows the discharge at once (read from the primary)");
  check((await statusIn(otherDevice, target!.id)) === "active", "a session that did not write reads the lagging replica (still active there)");
  await replicaSql`select pg_wal_replay_resume()`;
  await waitFor(async () => (await statusIn(otherDevice, target!.id)) === "discharged", 15_000, "the replica to catch up over HTTP");
  check(true, "once replayed, the replica shows the discharge to everyone");
  supervisor.close();
  otherDevice.close();
  const appExit = await stopGroup(app, "SIGTERM");
  check(appExit.code === 0, `the app stopped cleanly (exit ${appExit.code})`);

  await stopGroup(replicaProcess, "SIGINT");
  const down = await chooseReadDatabase(primary.db, replica, wrote);
  check(down.source === "primary", "with the replica down, reads fall back to the primary");
  const downNoCookie = await chooseReadDatabase(primary.db, replica, undefined);
  check(downNoCookie.source === "primary", "with the replica down, a person who has not written reads the primary too");

  for (const h of handles.splice(0)) await h.close().catch(() => {});
  await stopGroup(primaryProcess, "SIGINT");
  exitCode = failures.length ? 1 : 0;
} catch (error) {
  console.error(error);
} finally {
  for (const h of handles) await h.close().catch(() => {});
  await stopAll();
  if (exitCode === 0) rmSync(work, { recursive: true, force: true });
  else console.error(`Logs kept in ${work}`);
}
console.log(`\ntest:replica ${exitCode === 0 ? "passed" : "failed"}.`);
process.exit(exitCode);
