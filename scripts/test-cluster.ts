import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { checkThrottle } from "../src/auth/throttle";
import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemo } from "../src/db/seed/demo";
import { SWEEP_QUEUE } from "../src/messaging/queue";
import { hashToken, newPortalToken } from "../src/portal/tokens";
import { buildIfNeeded } from "./build-if-needed";
import { HttpClient } from "./cluster/http";
import { hasCommand, stopAll, stopGroup, systemUser } from "./cluster/processes";
import { delay, startInstances, startPgBouncer, waitFor, waitForHealth } from "./cluster/start";
import { root } from "./lib";

/**
 * npm run test:cluster: several Attune instances for real, on this machine.
 *
 * A PostgreSQL database of its own (on TEST_DATABASE_URL's server, created and dropped here),
 * PgBouncer in front of it (deploy/pgbouncer.ini), two production instances of the same build
 * (scripts/serve.ts) through PgBouncer, and HAProxy in front (deploy/haproxy.cfg). Everything is
 * checked through the load balancer, as a client on 127.0.0.2 (HAProxy on 127.0.0.1 is the only
 * trusted proxy):
 * - PgBouncer: session mode against transaction mode with prepared statements off, measured;
 * - a session signed in on one instance works on the other; sign-out revokes it on both;
 * - deactivation ends a person's session on both instances at their next request;
 * - the sign-in and export limits count across both instances;
 * - 20 identical portal submissions spread over both make one row;
 * - instance A gets SIGTERM in the middle of reads and writes: 0 failed requests, 0 lost or
 *   doubled writes, A exits 0; started again, A takes traffic again.
 * - both instances run the pg-boss worker: the every-minute schedule fires once a minute in all.
 *
 * Needs haproxy and pgbouncer (Debian packages) and a PostgreSQL server; says so and exits 0
 * without them when CLUSTER_OPTIONAL=1 (npm test), fails otherwise.
 */
const adminUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
const optional = process.env.CLUSTER_OPTIONAL === "1";
const DEMO_PASSWORD = "attune-demo";

function skip(reason: string): never {
  console.log(`test:cluster ${optional ? "skipped" : "cannot run"}: ${reason}`);
  process.exit(optional ? 0 : 1);
}

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

for (const command of ["haproxy", "pgbouncer"]) if (!hasCommand(command)) skip(`${command} is not installed (apt-get install -y haproxy pgbouncer).`);
const serverUrl = new URL(adminUrl);
serverUrl.pathname = "/postgres";
const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
try {
  await admin`select 1`;
} catch (error) {
  skip(`no PostgreSQL at ${serverUrl.host} (${String(error)}).`);
}
// PgBouncer will not run as root; as root, it runs as the postgres user.
const runAs = process.getuid?.() === 0 ? systemUser("postgres") : null;
if (process.getuid?.() === 0 && !runAs) skip("running as root without a postgres user for PgBouncer.");

await buildIfNeeded({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" });

const work = mkdtempSync(path.join(os.tmpdir(), "attune-cluster-"));
chmodSync(work, 0o755);
const database = `attune_cluster_${randomBytes(4).toString("hex")}`;
let exitCode = 1;
const started = Date.now();

try {
  // ---- the database: migrated and seeded, directly (not through PgBouncer) ----
  await admin.unsafe(`create database ${database}`);
  await admin.unsafe(`alter database ${database} set statement_timeout = '15s'`);
  // PgBouncer drops these startup parameters (deploy/pgbouncer.ini): the database carries them.
  await admin.unsafe(`alter database ${database} set jit = off`);
  const directUrl = new URL(adminUrl);
  directUrl.pathname = `/${database}`;
  const direct = openDatabase({ url: directUrl.toString(), max: 4 });
  await migrateDatabase(direct);
  await seedDemo(direct.db);
  const sql = direct.raw.driver === "postgres" ? direct.raw.sql : null;
  if (!sql) throw new Error("expected postgres.js");
  console.log(`Database ${database} created, migrated and seeded (${((Date.now() - started) / 1000).toFixed(1)} s).`);

  // ---- PgBouncer, from deploy/pgbouncer.ini with this run's database ----
  const pg = { host: adminUrl.hostname, port: adminUrl.port || "5432", user: decodeURIComponent(adminUrl.username || "postgres") };
  const bouncer = await startPgBouncer(work, pg, database, runAs);
  const pooled = bouncer.url;

  // ---- session mode against transaction mode without prepared statements ----
  console.log("\nPgBouncer: session mode (prepared statements) against transaction mode (prepare=false)");
  // Alternated and repeated, the best of each kept: the first rounds also pay for new connections.
  const rates = { session: [] as number[], transaction: [] as number[] };
  for (let round = 0; round < 2; round++) {
    rates.transaction.push(await measureQueries(pooled("attune", false)));
    rates.session.push(await measureQueries(pooled("attune_session", true)));
  }
  const sessionRate = Math.max(...rates.session);
  const txRate = Math.max(...rates.transaction);
  console.log(`  session mode, prepared statements: ${rates.session.map((r) => r.toFixed(0)).join(", ")} sign-in checks a second (8 at once, 10 connections)`);
  console.log(`  transaction mode, prepare=false:   ${rates.transaction.map((r) => r.toFixed(0)).join(", ")} sign-in checks a second`);
  console.log(`  faster: ${sessionRate >= txRate ? "session mode with prepared statements" : "transaction mode with prepare=false"} (${(Math.max(sessionRate, txRate) / Math.min(sessionRate, txRate)).toFixed(2)}× at the best of two runs each)`);
  // The instances use transaction mode: the mode that lets many instances share few connections,
  // and the one that breaks if anything relies on a session.
  const appDatabaseUrl = process.env.CLUSTER_POOL_MODE === "session" ? pooled("attune_session", true) : pooled("attune", false);

  // ---- two instances of the same build, and HAProxy ----
  const authSecret = randomBytes(48).toString("base64url");
  const instanceEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    // No SMTP server here: every message stays in the outbox (production refuses neither).
    ATTUNE_MAIL_OUTBOX_ONLY: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: appDatabaseUrl,
    AUTH_SECRET: authSecret,
    TRUSTED_PROXIES: "127.0.0.1",
    ATTUNE_DRAIN_MS: "20000",
  };
  const cluster = await startInstances(work, instanceEnv);
  const { instances } = cluster;
  const ports = { ...cluster.ports, pgbouncer: bouncer.port };
  const clusterUp = Date.now();
  console.log(`\nPgBouncer :${ports.pgbouncer}, instances :${ports.a} (a) and :${ports.b} (b), HAProxy :${ports.lb}`);

  const seen = async (client: HttpClient, path: string, tries = 8) => {
    const by = new Map<string, number[]>();
    for (let i = 0; i < tries; i++) {
      const reply = await client.get(path);
      by.set(reply.instance ?? "?", [...(by.get(reply.instance ?? "?") ?? []), reply.status]);
    }
    return by;
  };
  {
    const probe = new HttpClient({ port: ports.lb });
    const by = await seen(probe, "/api/health", 6);
    check(by.has("a") && by.has("b"), `HAProxy balances over both instances (health answered by ${[...by.keys()].join(", ")})`);
    probe.close();
  }

  // ---- one session, both instances; sign-out revokes it on both ----
  console.log("\nSessions across instances");
  const counselor = new HttpClient({ port: ports.lb });
  const signedIn = await counselor.signIn("counselor@attune.demo", DEMO_PASSWORD);
  check(signedIn.status === 302 && [...counselor.jar.keys()].some((k) => k.includes("attune.session")), `signed in through the load balancer on instance ${signedIn.instance}`);
  const pages = await seen(counselor, "/caseload");
  check(
    (["a", "b"] as const).every((n) => pages.get(n)?.length && pages.get(n)!.every((s) => s === 200)),
    `the caseload opens with that session on both instances (${[...pages].map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ")})`,
  );
  const stolen = counselor.copy();
  const signOutId = actionId("src/auth/actions.ts", "signOutAction");
  const signedOut = await counselor.action("/caseload", signOutId, { args: ["signed_out"] });
  check(signedOut.status === 303 || signedOut.status === 200, `signed out on instance ${signedOut.instance} (HTTP ${signedOut.status})`);
  const after = await seen(stolen, "/caseload");
  check(
    (["a", "b"] as const).every((n) => after.get(n)?.length && after.get(n)!.every((s) => s === 307 || s === 302 || s === 303)),
    `a copy of the signed-out session is sent to sign-in by both instances (${[...after].map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ")})`,
  );

  // Deactivation by an administrator ends the person's session on both instances too.
  const leaving = new HttpClient({ port: ports.lb });
  await leaving.signIn("counselor3@attune.demo", DEMO_PASSWORD);
  const beforeDeactivation = await seen(leaving, "/caseload", 4);
  const administrator = new HttpClient({ port: ports.lb });
  await administrator.signIn("admin@attune.demo", DEMO_PASSWORD);
  const [people] = await sql<{ leaving: string; colleague: string }[]>`
    select (select id from users where email = 'counselor3@attune.demo') as leaving, (select id from users where email = 'counselor@attune.demo') as colleague`;
  const deactivated = await administrator.action(`/admin/users/${people!.leaving}`, actionId("src/users/admin-actions.ts", "deactivateUserAction"), {
    fields: { userId: people!.leaving, moveAllTo: people!.colleague },
  });
  const afterDeactivation = await seen(leaving, "/caseload", 4);
  check(
    [...beforeDeactivation.values()].flat().every((s) => s === 200) &&
      /Deactivated/.test(deactivated.body) &&
      (["a", "b"] as const).every((n) => afterDeactivation.get(n)?.length && afterDeactivation.get(n)!.every((s) => s === 307)),
    `deactivated on instance ${deactivated.instance}, the person's session is refused by both (${[...afterDeactivation].map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ")})`,
  );
  leaving.close();
  administrator.close();

  // ---- the export and sign-in limits across instances ----
  console.log("\nLimits across instances");
  // The export limit (30 in 10 minutes a person) counts across both instances.
  const exporter = new HttpClient({ port: ports.lb });
  // Before the sign-in limit below locks this account for a while.
  await exporter.signIn("supervisor@attune.demo", DEMO_PASSWORD);
  const exports: string[] = [];
  for (let i = 0; i < 31; i++) {
    const reply = await exporter.get("/api/team/caseload");
    exports.push(`${reply.instance}:${reply.status}`);
  }
  const exportedBy = new Set(exports.slice(0, 30).map((e) => e.split(":")[0]));
  check(
    exportedBy.size === 2 && exports.slice(0, 30).every((e) => e.endsWith(":200")) && exports[30]!.endsWith(":429"),
    `30 caseload exports spread over both instances (${[...exportedBy].join(", ")}), the 31st refused with 429 (${exports[30]})`,
  );
  exporter.close();

  // ---- the sign-in limit across instances ----
  const guesser = new HttpClient({ port: ports.lb });
  const tries: string[] = [];
  for (let i = 0; i < 6; i++) {
    // A sign-in is two requests (CSRF token, then the form): one more every other try moves
    // HAProxy's round robin on, so the forms alternate between the instances.
    if (i % 2 === 1) await guesser.get("/api/health");
    const reply = await guesser.signIn("supervisor@attune.demo", `wrong ${i}`);
    tries.push(`${reply.instance}:${reply.status}`);
  }
  const byInstance = new Set(tries.slice(0, 5).map((t) => t.split(":")[0]));
  check(byInstance.size === 2 && tries.slice(0, 5).every((t) => t.endsWith(":302")) && tries[5]!.endsWith(":429"), `5 wrong passwords spread over both instances, the 6th refused with 429 (${tries.join(" ")})`);
  const [addressRow] = await sql<{ ip: string }[]>`select ip from limiter_events where kind = 'sign-in' and key = 'supervisor@attune.demo' limit 1`;
  check(addressRow?.ip === "127.0.0.2", `the attempts are recorded from the client's address behind HAProxy (${addressRow?.ip})`);
  guesser.close();

  // ---- idempotent submissions across instances ----
  console.log("\nPortal submissions across instances");
  const portal = await preparePortal(sql);
  const submitId = actionId("src/portal/actions.ts", "submitPortalEntryAction");
  const submit = (client: HttpClient, key: string) =>
    client.action(`/p/${portal.token}/a/${portal.assignmentId}`, submitId, {
      fields: { token: portal.token, assignmentId: portal.assignmentId, idempotencyKey: key, answers: JSON.stringify({ what_happened: `A walk after work (${key.slice(0, 6)}).` }) },
    });
  const person = new HttpClient({ port: ports.lb });
  const sameKey = `cluster-${randomUUID()}`;
  const twenty = await Promise.all(Array.from({ length: 20 }, () => submit(person, sameKey)));
  const rows = await sql<{ n: number }[]>`select count(*)::int as n from exercise_entries where idempotency_key = ${sameKey}`;
  const servedBy = new Set(twenty.map((r) => r.instance));
  check(
    twenty.every((r) => r.status === 200 && /Saved|already saved/.test(r.body)) && servedBy.size === 2 && rows[0]!.n === 1,
    `20 identical submissions, answered by ${[...servedBy].join(" and ")}, all accepted, saved as ${rows[0]!.n} row`,
  );

  // ---- SIGTERM to instance A in the middle of reads and writes ----
  console.log("\nInstance A stopped under load");
  const reader = new HttpClient({ port: ports.lb });
  await reader.signIn("counselor2@attune.demo", DEMO_PASSWORD);
  const load = { stop: false, reads: 0, writes: 0, failed: [] as string[], keys: [] as string[], byInstance: new Map<string, number>() };
  const worker = async (kind: "read" | "write") => {
    const client = kind === "read" ? reader : new HttpClient({ port: ports.lb });
    while (!load.stop) {
      const key = `load-${randomUUID()}`;
      try {
        const reply = kind === "read" ? await client.get("/caseload") : await submit(client, key);
        const ok = reply.status === 200 && (kind === "read" || /Saved/.test(reply.body));
        if (kind === "write") load.keys.push(key);
        load.byInstance.set(reply.instance ?? "?", (load.byInstance.get(reply.instance ?? "?") ?? 0) + 1);
        if (ok) load[kind === "read" ? "reads" : "writes"]++;
        else load.failed.push(`${kind} ${reply.status} on ${reply.instance}: ${reply.body.slice(0, 120)}`);
      } catch (error) {
        if (kind === "write") load.keys.push(key);
        load.failed.push(`${kind}: ${String(error)}`);
      }
    }
  };
  const [{ loadStart } = { loadStart: new Date(0) }] = await sql<{ loadStart: Date }[]>`select now() as "loadStart"`;
  const workers = [...Array.from({ length: 4 }, () => worker("read")), ...Array.from({ length: 4 }, () => worker("write"))];
  await delay(3000);
  const aBefore = load.byInstance.get("a") ?? 0;
  const stopped = stopGroup(instances.a, "SIGTERM", 40_000);
  const exit = await stopped;
  await delay(3000);
  load.stop = true;
  await Promise.all(workers);
  const keys = load.keys;
  const saved = await sql<{ n: number; distinct: number }[]>`select count(*)::int as n, count(distinct idempotency_key)::int as distinct from exercise_entries where idempotency_key = any(${keys})`;
  const resubmits = await sql<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'portal.entry_resubmit' and entity_type = 'exercise_entry' and occurred_at >= ${loadStart}`;
  console.log(`  ${load.reads} reads and ${load.writes} writes answered (${[...load.byInstance].map(([k, v]) => `${k}: ${v}`).join(", ")}; a served ${aBefore} before its SIGTERM)`);
  check(aBefore > 0, "instance A was serving before it was stopped");
  console.log(`  instance A's log: ${readFileSync(instances.a.log, "utf8").split("\n").filter((l) => /^(SIGTERM|Draining|Stopped|Drain)/.test(l)).join(" / ")}`);
  check(exit.code === 0, `instance A drained and exited with code ${exit.code}${exit.signal ? ` (signal ${exit.signal})` : ""}`);
  check(load.failed.length === 0, `0 failed requests${load.failed.length ? `: ${load.failed.length} failed, first: ${load.failed.slice(0, 3).join(" | ")}` : ""}`);
  check(saved[0]!.n === keys.length && saved[0]!.distinct === keys.length, `every write saved exactly once: ${keys.length} sent, ${saved[0]!.n} rows, ${saved[0]!.distinct} distinct`);
  check(resubmits[0]!.n === 0, `no write was processed twice (${resubmits[0]!.n} resubmissions in the audit log)`);

  // ---- A started again takes traffic again ----
  instances.a = cluster.start("a");
  await waitForHealth(ports.a, instances.a);
  const back = new HttpClient({ port: ports.lb });
  let aAgain = false;
  for (let i = 0; i < 40 && !aAgain; i++) {
    aAgain = (await back.get("/api/health")).instance === "a";
    if (!aAgain) await delay(250);
  }
  check(aAgain, "instance A, started again, takes traffic again");

  // ---- Schedules fire once across instances ----
  // Both instances run the pg-boss worker with its schedules; the sweep is due every minute. Each
  // minute since both started must hold exactly one sweep job, whichever instance fired it.
  console.log("\nSchedules across instances");
  const sweeps = () => sql<{ minute: string; n: number }[]>`
    select to_char(date_trunc('minute', created_on), 'HH24:MI') as minute, count(*)::int as n
    from pgboss.job where name = ${SWEEP_QUEUE} group by 1 order by 1`;
  await waitFor(async () => (await sweeps()).length >= 2, 150_000, "the minute sweep to fire twice");
  const fired = await sweeps();
  const upMinutes = (Date.now() - clusterUp) / 60_000;
  check(
    fired.length >= Math.max(2, Math.floor(upMinutes) - 1) && fired.every((f) => f.n === 1),
    `the every-minute schedule fired once a minute across both instances: ${fired.map((f) => `${f.minute}×${f.n}`).join(" ")} in ${upMinutes.toFixed(1)} min`,
  );

  back.close();
  reader.close();
  person.close();
  counselor.close();
  stolen.close();

  await direct.close();
  exitCode = failures.length ? 1 : 0;
} catch (error) {
  console.error(error);
} finally {
  await stopAll();
  await admin.unsafe(`drop database if exists ${database} with (force)`).catch((e: unknown) => console.error(`Could not drop ${database}: ${String(e)}`));
  await admin.end({ timeout: 5 });
  if (exitCode !== 0) console.error(`Logs kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`\ntest:cluster ${exitCode === 0 ? "passed" : `failed${failures.length ? `: ${failures.length} check(s)` : ""}`} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
process.exit(exitCode);

// ---- helpers ----

/** A server action's id in the build, as the browser would send it. */
function actionId(file: string, name: string): string {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!found) throw new Error(`No action ${name} from ${file} in the build.`);
  return found[0];
}

/** A private link of the test's own (the token is known only here) to a client's active journal. */
async function preparePortal(sql: postgres.Sql) {
  const [assignment] = await sql<{ id: string; organisationId: string; clientId: string; createdBy: string }[]>`
    select a.id, a.organisation_id as "organisationId", a.client_id as "clientId", a.created_by as "createdBy"
    from assignments a join clients c on c.id = a.client_id
    where a.exercise_id = 'daily-feelings-journal' and a.status = 'active' and a.contact_id is null and c.status <> 'discharged'
    limit 1`;
  if (!assignment) throw new Error("The demo has no active journal assignment.");
  const token = newPortalToken();
  await sql`insert into portal_links (organisation_id, client_id, token_hash, created_by, expires_at)
            values (${assignment.organisationId}, ${assignment.clientId}, ${hashToken(token)}, ${assignment.createdBy}, now() + interval '1 day')`;
  return { token, assignmentId: assignment.id };
}

/** Sign-in throttle checks (two indexed queries with parameters, as every sign-in runs) a second. */
async function measureQueries(url: string): Promise<number> {
  const handle = openDatabase({ url, max: 10 });
  const emails = Array.from({ length: 50 }, (_, i) => `measure-${i}@attune.test`);
  const round = async (n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < n) {
          const i = next++;
          await checkThrottle(handle.db, emails[i % emails.length]!, `192.0.2.${i % 200}`);
        }
      }),
    );
  };
  await round(500);
  const t0 = performance.now();
  const count = 3000;
  await round(count);
  const rate = count / ((performance.now() - t0) / 1000);
  await handle.close();
  return rate;
}

export {};
