import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";

/**
 * Every process the cluster test starts runs in a process group of its own (detached), with its
 * output in a log file, and is stopped by signalling that group: nothing is found or killed by name.
 */
export interface Started {
  name: string;
  child: ChildProcess;
  log: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<Started>();

export function startGroup(name: string, logDir: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number } = {}): Started {
  const log = path.join(logDir, `${name}.log`);
  const out = openSync(log, "a");
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", out, out], detached: true, uid: options.uid, gid: options.gid });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const started: Started = { name, child, log, exited };
  running.add(started);
  void exited.then(() => running.delete(started));
  return started;
}

/** Signals the whole group and waits for the leader to exit (SIGKILL to the group after `ms`). */
export async function stopGroup(p: Started, signal: NodeJS.Signals = "SIGTERM", ms = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.exited;
  try {
    process.kill(-p.child.pid!, signal);
  } catch {
    return p.exited;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-p.child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }, ms);
  const result = await p.exited;
  clearTimeout(timer);
  // Whatever the leader left behind in its group goes with it.
  try {
    process.kill(-p.child.pid!, "SIGKILL");
  } catch {
    /* the group is empty */
  }
  return result;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => stopGroup(p, "SIGTERM", 10_000)));
}

/** The uid and gid of a system user (pgbouncer and PostgreSQL refuse to run as root). */
export function systemUser(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}
