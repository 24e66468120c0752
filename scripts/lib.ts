import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { resolveAuthSecret } from "../src/auth/secret";

export const root = path.resolve(import.meta.dirname, "..");
export const nextBin = path.join(root, "node_modules", ".bin", "next");

/**
 * The production server (scripts/serve.ts: Next.js behind admission control) as a command and
 * its arguments, for `spawn` or `supervise`. Give it NODE_ENV=production in its environment.
 */
export function serveCommand(port: number | string, hostname?: string, script: "serve.ts" | "e2e-serve.ts" = "serve.ts"): [string, string[]] {
  // node with tsx's loader, not the tsx command: the command relays a stop signal by killing a
  // busy child outright, while the server should close its connections and exit by itself.
  return [process.execPath, ["--import", "tsx", path.join(root, "scripts", script), String(port), ...(hostname ? [hostname] : [])]];
}

/** AUTH_SECRET for the server we are about to start: given, or kept under .data/ for the embedded database. */
export function ensureAuthSecret(env: NodeJS.ProcessEnv = process.env): void {
  env.AUTH_SECRET = resolveAuthSecret(env);
}

export function describeDatabase(): string {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `embedded PostgreSQL (PGlite) in ${process.env.ATTUNE_DATA_DIR ?? ".data/pglite"}`;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Runs a long-running child in our own process group (so whoever stops our group, a terminal's
 * Ctrl-C or a test runner, stops it too), forwards signals to it and exits with it.
 */
export function supervise(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (!child.killed) child.kill(signal);
    });
  }
  process.on("exit", () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return child;
}

/** A TCP port free on 127.0.0.1 just now (the OS picks it), for a server of a test's own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
