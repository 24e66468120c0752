import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { freePort, root, serveCommand } from "../lib";
import { HttpClient } from "./http";
import { startGroup, type Started } from "./processes";

/**
 * The pieces of several instances, started the way a deployment would from deploy/: PgBouncer in
 * front of one PostgreSQL database, two production instances of the same build (scripts/serve.ts)
 * through it, and HAProxy in front of them. Used by the cluster test (scripts/test-cluster.ts) and
 * by `npm run bench -- --cluster`; each process is in a group of its own (./processes.ts).
 */

export interface ServerAddress {
  host: string;
  port: string;
  user: string;
}

export function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(probe: () => Promise<boolean>, ms: number, what: string, p?: Started): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (p && p.child.exitCode !== null) throw new Error(`${p.name} exited (${p.child.exitCode}) while waiting for ${what}; see ${p.log}:\n${readFileSync(p.log, "utf8").slice(-2000)}`);
    if (await probe()) return;
    await delay(200);
  }
  throw new Error(`Timed out waiting for ${what}${p ? `; see ${p.log}` : ""}`);
}

export function waitForHealth(port: number, p: Started): Promise<void> {
  const client = new HttpClient({ port, from: "127.0.0.1" });
  return waitFor(
    async () => {
      try {
        return (await client.get("/api/health")).status === 200;
      } catch {
        return false;
      }
    },
    90_000,
    `${p.name} on :${port}`,
    p,
  ).finally(() => client.close());
}

export interface Bouncer {
  port: number;
  process: Started;
  /** The pooled URL: "attune" is transaction mode (prepare=false), "attune_session" session mode. */
  url(db: "attune" | "attune_session", prepare: boolean): string;
}

/** PgBouncer from deploy/pgbouncer.ini, with this run's port, database and trust authentication. */
export async function startPgBouncer(work: string, pg: ServerAddress, database: string, runAs: { uid: number; gid: number } | null): Promise<Bouncer> {
  const port = await freePort();
  writeFileSync(path.join(work, "userlist.txt"), `"${pg.user}" ""\n`);
  const ini = readFileSync(path.join(root, "deploy", "pgbouncer.ini"), "utf8")
    .replace(/^attune = .*$/m, `attune = host=${pg.host} port=${pg.port} dbname=${database} pool_mode=transaction`)
    .replace(/^attune_session = .*$/m, `attune_session = host=${pg.host} port=${pg.port} dbname=${database} pool_mode=session`)
    .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
    // The test server trusts local connections; a deployment keeps scram-sha-256.
    .replace(/^auth_type = .*$/m, "auth_type = trust")
    .replace(/^auth_file = .*$/m, `auth_file = ${path.join(work, "userlist.txt")}`);
  writeFileSync(path.join(work, "pgbouncer.ini"), ini);
  const process_ = startGroup("pgbouncer", work, "pgbouncer", [path.join(work, "pgbouncer.ini")], runAs ?? {});
  const url = (db: "attune" | "attune_session", prepare: boolean) => `postgres://${encodeURIComponent(pg.user)}@127.0.0.1:${port}/${db}${prepare ? "" : "?prepare=false"}`;
  await waitFor(
    async () => {
      const probe = postgres(url("attune", false), { max: 1, connect_timeout: 2, onnotice: () => {} });
      try {
        await probe`select 1`;
        return true;
      } catch {
        return false;
      } finally {
        await probe.end({ timeout: 1 });
      }
    },
    15_000,
    "PgBouncer to answer",
    process_,
  );
  return { port, process: process_, url };
}

export interface Instances {
  ports: { a: number; b: number; lb: number };
  instances: Record<"a" | "b", Started>;
  lb: Started;
  /** Starts (again) one instance with the same environment and port. */
  start(name: "a" | "b"): Started;
}

/** Two production instances of the current build with one environment, both healthy, and HAProxy (deploy/haproxy.cfg) in front. */
export async function startInstances(work: string, env: NodeJS.ProcessEnv): Promise<Instances> {
  const ports = { a: await freePort(), b: await freePort(), lb: await freePort() };
  const start = (name: "a" | "b") => {
    const [command, args] = serveCommand(ports[name], "127.0.0.1");
    return startGroup(`instance-${name}`, work, command, args, { env, cwd: root });
  };
  const instances: Record<"a" | "b", Started> = { a: start("a"), b: start("b") };
  await Promise.all((["a", "b"] as const).map((n) => waitForHealth(ports[n], instances[n])));
  const lb = startGroup("haproxy", work, "haproxy", ["-db", "-f", path.join(root, "deploy", "haproxy.cfg")], {
    env: { ...process.env, ATTUNE_LB_BIND: `127.0.0.1:${ports.lb}`, ATTUNE_APP_A: `127.0.0.1:${ports.a}`, ATTUNE_APP_B: `127.0.0.1:${ports.b}` },
  });
  await waitForHealth(ports.lb, lb);
  return { ports, instances, lb, start };
}
