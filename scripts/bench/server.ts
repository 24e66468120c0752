import { spawn, type ChildProcess } from "node:child_process";
import { root, serveCommand } from "../lib";

export interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The production server (scripts/serve.ts) on the build in its own process group, stopped as a
 * whole, with the benchmark's floor pages turned on (they answer 404 on every other server).
 */
export async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const [command, args] = serveCommand(port, "127.0.0.1");
  const child = spawn(command, args, {
    cwd: root,
    // No message worker: its polling would count among the pages' queries and load (a caller may set ATTUNE_WORKER).
    env: { ...process.env, ATTUNE_WORKER: "off", ...env, ATTUNE_BENCH_FLOOR: "1", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${stderr}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return { base, child, stop };
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`next start did not answer on ${base}/api/health:\n${stderr}`);
}

const cookieCache = new Map<string, { cookie: string; at: number }>();

/**
 * Signs in through Auth.js's own credentials flow (CSRF token, then the callback), as a browser
 * does, and returns the session cookie. Cookies are reused for ten minutes (sessions end after
 * fifteen idle minutes; the address may sign in 30 times a minute).
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const cached = cookieCache.get(`${base}|${email}`);
  if (cached && Date.now() - cached.at < 10 * 60_000) return cached.cookie;
  for (let attempt = 0; attempt < 3; attempt++) {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    // One value per name (the build may answer with the CSRF cookie twice): the last one set wins, as in a browser.
    const jar = [...new Map(csrf.headers.getSetCookie().map((c) => { const pair = c.split(";")[0]!; return [pair.slice(0, pair.indexOf("=")), pair] as const; })).values()];
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }),
    });
    // __Host-attune.session by default (authjs.session-token in older builds).
    const session = response.headers.getSetCookie().find((c) => /^(__Host-)?attune\.session=|^authjs\.session-token=/.test(c));
    if (session) {
      const cookie = session.split(";")[0]!;
      cookieCache.set(`${base}|${email}`, { cookie, at: Date.now() });
      return cookie;
    }
    // Throttled (30 sign-ins a minute per address): wait for the window to pass.
    const wait = Math.min(70, Number(response.headers.get("retry-after") ?? 61));
    console.log(`  sign-in for ${email} refused (${response.status}); waiting ${wait} s`);
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
  throw new Error(`Could not sign in as ${email}: is the large data set loaded (npm run db:seed:large)?`);
}

/** getPage, tried again (up to three times, two seconds apart) while a cold cache makes the first request slow. */
export async function warmPage(base: string, path: string, cookie: string): Promise<{ ms: number; body: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getPage(base, path, cookie);
    } catch (e) {
      if (attempt >= 3) throw e;
      console.log(`  warming ${path}: ${(e as Error).message}; trying again`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** One GET with the cookie; fails on anything but 200 (a redirect means the session was refused). */
export async function getPage(base: string, path: string, cookie: string): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie, "accept-encoding": "identity" }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status} ${response.headers.get("location") ?? ""}`);
  return { ms, body };
}
