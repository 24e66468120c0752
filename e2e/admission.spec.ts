import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../scripts/lib";

/**
 * Admission control in the production server (scripts/serve.ts, src/lib/admission.ts), on the
 * built app: a server of its own with room for one request at a time and no queue, so a burst
 * of page loads must be partly refused, each refusal a 503 with Retry-After, never an error or
 * a hang; a write is never refused; and the server serves normally once the burst is over.
 */
const root = path.resolve(import.meta.dirname, "..");


let child: ChildProcess | undefined;
let dataDir = "";
let base = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "attune-admission-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/serve.ts"), String(port), "127.0.0.1"], {
    cwd: root,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: "",
      ATTUNE_DATA_DIR: path.join(dataDir, "pglite"),
      AUTH_SECRET: "admission-test-secret-admission-test-secret-0123456789",
      ATTUNE_MAX_ACTIVE: "1",
      ATTUNE_MAX_QUEUE: "0",
      ATTUNE_MAX_WAIT_MS: "2000",
    },
  });
  for (let i = 0; ; i++) {
    if (i > 200) throw new Error("the admission test's server did not start");
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // The first render of the page loads its code: do it before the burst.
  expect((await fetch(`${base}/login`)).status).toBe(200);
});

test.afterAll(async () => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

test("a burst of page loads beyond capacity gets 503 with Retry-After, never an error, and writes still go through", async () => {
  const burst = await Promise.all(
    Array.from({ length: 24 }, () =>
      fetch(`${base}/login`, { signal: AbortSignal.timeout(20_000) }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.text() })),
    ),
  );
  const statuses = burst.map((r) => r.status);
  expect(statuses.every((s) => s === 200 || s === 503), `statuses: ${statuses.join(",")}`).toBe(true);
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
  const refused = burst.filter((r) => r.status === 503);
  expect(refused.length).toBeGreaterThanOrEqual(1);
  for (const r of refused) {
    expect(r.retryAfter).toBe("2");
    expect(r.body).toContain("Attune is busy");
  }

  // While page loads are being refused, a write (a form post) waits for its turn instead.
  const pageLoads = Array.from({ length: 12 }, () => fetch(`${base}/login`).then((r) => r.status));
  const write = fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "nobody@example.org", password: "not-a-password" }),
  }).then((r) => r.status);
  const [writeStatus, ...loads] = await Promise.all([write, ...pageLoads]);
  expect(writeStatus).not.toBe(503);
  expect(loads.every((s) => s === 200 || s === 503)).toBe(true);

  // The burst over, the server serves as before.
  expect((await fetch(`${base}/login`)).status).toBe(200);
});
