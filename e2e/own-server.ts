import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "../scripts/lib";

export interface OwnServer {
  port: number;
  baseURL: string;
  /** Where scripts/e2e-server.ts writes this server's saved states (world.json). */
  authDir: string;
  stop(): Promise<void>;
}

/**
 * The built app on a free port of its own, started by the same script as every other browser
 * test's server (scripts/e2e-server.ts: a fresh database with the demo, the security users and
 * the permission matrix's world), with the environment a spec needs that the shared server must
 * not have (an SMTP server, no message worker). `label` names it in errors.
 */
export async function startOwnServer(label: string, env: Record<string, string>, cleanup: () => void = () => {}, startTimeoutMs = 150_000): Promise<OwnServer> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  let log = "";
  const child: ChildProcess = spawn("node_modules/.bin/tsx", ["scripts/e2e-server.ts"], {
    env: { ...process.env, ...env, E2E_PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group, so stopping it stops next start with it.
    detached: true,
  });
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const authDir = path.join("e2e", ".auth", String(port));

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    cleanup();
    rmSync(authDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${label} exited (${child.exitCode}):\n${log}`);
    }
    const up = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${label} did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { port, baseURL, authDir, stop };
}
