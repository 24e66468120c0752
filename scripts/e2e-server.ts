import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemo } from "../src/db/seed/demo";
import { seedSecurityUsers } from "./e2e-security-seed";
import { root, serveCommand, supervise } from "./lib";

// The browser tests' server: the built app on a throwaway database of its own.
const dir = mkdtempSync(path.join(os.tmpdir(), "attune-e2e-"));
process.env.ATTUNE_DATA_DIR = path.join(dir, "pglite");
delete process.env.DATABASE_URL;
process.env.AUTH_SECRET = randomBytes(48).toString("base64url");
// The browser tests stand in for a load balancer on this machine: their X-Forwarded-For gives each
// role an address of its own. Any other peer (e2e/client-address.spec.ts connects from another
// loopback address) is a client whose forwarding headers are ignored.
process.env.TRUSTED_PROXIES ??= "127.0.0.1, ::1";

const handle = openDatabase({ dataDir: process.env.ATTUNE_DATA_DIR });
await migrateDatabase(handle);
await seedDemo(handle.db);
await seedSecurityUsers(handle.db);
await handle.close();
// The permission matrix's records, and where they are, for e2e/permission-matrix.spec.ts. A child
// process with the react-server condition, because the actions that make them are server-only.
const world = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/e2e-world.ts", process.env.ATTUNE_DATA_DIR, path.join(root, "e2e", ".auth", process.env.E2E_PORT ?? "3210", "world.json")], { cwd: root, stdio: "inherit" });
if (world.status !== 0) throw new Error("scripts/e2e-world.ts failed");
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
supervise(...serveCommand(process.env.E2E_PORT ?? "3210", undefined, "e2e-serve.ts"), { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
