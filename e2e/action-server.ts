import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TableSnapshot } from "../src/db/testing/probe";
import type { MatrixWorld } from "../src/security/world";
import { startOwnServer } from "./own-server";

/**
 * A server of its own for the HTTP permission matrix of the server actions: the same built app,
 * started by the same script as every other browser test's server (scripts/e2e-server.ts: a fresh
 * database with the demo, the security users and the matrix's world), on a free port.
 *
 * Why not the shared e2e server: the matrix's allowed cells sign people out, change and reset
 * their passwords and enrol them in two-factor, which ends every session of those accounts,
 * the saved sign-ins every other browser test uses included. Here they end nobody else's.
 *
 * The server also opens the read-only database probe (src/db/testing/probe.ts, started by the
 * test launcher scripts/e2e-serve.ts, never by the app) on an owner-only Unix socket in an owner-only directory: the embedded
 * database belongs to the server process, so this is how the test sees every table's rows and
 * checksum before and after a refused call.
 */
/** One-time links per organisation and kind: one per cell of the invitation and reset actions. */
export const SPARE_LINKS = 8;

export type SpareLinks = Record<"own" | "foreign", { invite: string[]; reset: string[] }>;

export interface ActionServer {
  baseURL: string;
  world: MatrixWorld & { spareLinks: SpareLinks };
  distDir: string;
  /** Rows, an md5 and the newest transaction id of every table. */
  snapshot(): Promise<TableSnapshot>;
  /** A read-only query on the server's database. */
  read<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}


function ask(socketPath: string, request: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(JSON.stringify(request) + "\n"));
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      try {
        const parsed = JSON.parse(answer) as { error?: string };
        if (parsed.error) reject(new Error(`database probe: ${parsed.error}`));
        else resolve(parsed);
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function startActionServer(): Promise<ActionServer> {
  const probeDir = mkdtempSync(path.join(os.tmpdir(), "attune-probe-"));
  const socketPath = path.join(probeDir, "db.sock");
  const secret = randomBytes(32).toString("base64url");
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const server = await startOwnServer(
    "the action matrix's server",
    // No message worker: its deliveries write audit events at any moment, which a refused cell would be blamed for.
    { ATTUNE_WORKER: "off", ATTUNE_DB_PROBE_SOCKET: socketPath, ATTUNE_DB_PROBE_SECRET: secret, ATTUNE_E2E_SPARE_LINKS: String(SPARE_LINKS) },
    () => rmSync(probeDir, { recursive: true, force: true }),
  );
  // The launcher opens the probe as the server starts; give the socket a moment to appear.
  for (let i = 0; i < 50 && !existsSync(socketPath); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!existsSync(socketPath)) {
    await server.stop();
    throw new Error("the server opened no database probe: does scripts/e2e-server.ts start it through scripts/e2e-serve.ts?");
  }
  const world = JSON.parse(readFileSync(path.join(server.authDir, "world.json"), "utf8")) as ActionServer["world"];
  return {
    baseURL: server.baseURL,
    world,
    distDir,
    snapshot: async () => ((await ask(socketPath, { secret, op: "snapshot" })) as { tables: TableSnapshot }).tables,
    read: async <T>(sql: string, params: unknown[] = []) => ((await ask(socketPath, { secret, op: "read", sql, params })) as { rows: T[] }).rows,
    stop: server.stop,
  };
}
