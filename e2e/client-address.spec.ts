import { request as httpRequest } from "node:http";
import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";

/**
 * The client's address over real HTTP (scripts/serve.ts, src/lib/client-address.ts). The browser
 * tests' server trusts 127.0.0.1 and ::1 as its proxies (scripts/e2e-server.ts). A client
 * connecting from another loopback address (Linux routes all of 127.0.0.0/8 to itself) is an
 * untrusted peer: whatever it writes in X-Forwarded-For, or in the app's internal header, it
 * stays itself, so the per-address sign-in limit stops it at the 31st try.
 */
const port = Number(process.env.E2E_PORT ?? 3210);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(from: string | undefined, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers, localAddress: from, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** One wrong-password REST sign-in (csrf token, then the credentials callback), from `from`. */
async function wrongSignIn(from: string | undefined, email: string, extra: Record<string, string>): Promise<number> {
  const csrf = await send(from, "GET", "/api/auth/csrf", extra);
  expect(csrf.status).toBe(200);
  // The proxy and Auth.js may each set the CSRF cookie: as a browser would, the last one counts.
  const jar = new Map(([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((c) => {
    const pair = c.split(";")[0]!;
    return [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const;
  }));
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ email, password: "not the password", csrfToken, callbackUrl: "/" }).toString();
  const answer = await send(from, "POST", "/api/auth/callback/credentials", { ...extra, cookie, "content-type": "application/x-www-form-urlencoded" }, form);
  return answer.status;
}

test.describe("the client's address", () => {
  test.setTimeout(120_000);

  test("an untrusted peer's forwarding headers change nothing: 40 sign-ins with 40 different X-Forwarded-For are throttled after 30", async () => {
    // A loopback address of this run's own, so a second run within the minute starts afresh.
    const peer = `127.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(2, 255)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      // A different account each time, so only the per-address limit can stop these.
      statuses.push(
        await wrongSignIn(peer, `spoof-${peer}-${i}@attune.test`, {
          "x-forwarded-for": `203.0.113.${i + 1}`,
          "x-real-ip": `198.51.100.${i + 1}`,
          "x-attune-client-address": `192.0.2.${i + 1}`,
        }),
      );
    }
    expect(statuses.slice(0, 30).every((s) => s === 302), statuses.join(" ")).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429), statuses.join(" ")).toBe(true);
  });

  test("through a trusted proxy the real client's address counts, not what the client wrote before it", async () => {
    const run = randomInt(1, 250);
    const client = `198.18.${run}.1`;
    const neighbour = `198.18.${run}.2`;
    // The left-most entry is what the client itself claimed: the same for both, and ignored.
    const via = (address: string) => ({ "x-forwarded-for": `203.0.113.200, ${address}` });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push(await wrongSignIn(undefined, `proxied-${run}-${i}@attune.test`, via(client)));
    expect(statuses.slice(0, 30).every((s) => s === 302), statuses.join(" ")).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another client behind the same proxy is not held back by the first one's limit.
    expect(await wrongSignIn(undefined, `proxied-${run}-neighbour@attune.test`, via(neighbour))).toBe(302);
  });
});
