import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createDrain } from "./drain";

/** A real HTTP server on a free port: /slow answers after `release()` is called, the rest at once. */
async function serve(graceMs: number) {
  const waiting: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    if (!drain.admit(req, res)) return;
    const answer = () => res.end(`done ${req.url}\n`);
    if (req.url?.startsWith("/slow")) waiting.push(answer);
    else answer();
  });
  const drain = createDrain(server, { graceMs, retryAfterSeconds: 3, headers: { "X-Frame-Options": "DENY" } });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, drain, port, releaseAll: () => waiting.splice(0).forEach((f) => f()), waiting };
}

function get(port: number, path: string, agent?: import("node:http").Agent) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

let servers: Server[] = [];
afterEach(() => {
  for (const s of servers) s.closeAllConnections();
  servers = [];
});

describe("createDrain on a real server", () => {
  it("answers as usual until the drain starts", async () => {
    const { server, port } = await serve(1000);
    servers.push(server);
    expect(await get(port, "/api/health")).toMatchObject({ status: 200 });
  });

  it("refuses new requests and the health check with 503, finishes those in hand, then closes", async () => {
    const s = await serve(5000);
    servers.push(s.server);
    const agent = new (await import("node:http")).Agent({ keepAlive: true });
    const inHand = [get(s.port, "/slow/1", agent), get(s.port, "/slow/2")];
    await until(() => s.waiting.length === 2);

    let closed = false;
    const done = s.drain.start().then((outcome) => ((closed = true), outcome));

    const health = await get(s.port, "/api/health");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: "draining" });
    const refused = await get(s.port, "/caseload");
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("3");
    expect(refused.headers.connection).toBe("close");
    expect(refused.headers["x-frame-options"]).toBe("DENY");
    expect(closed).toBe(false);

    s.releaseAll();
    const answers = await Promise.all(inHand);
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, "done /slow/1\n"],
      [200, "done /slow/2\n"],
    ]);
    // Even the keep-alive request's connection is closed after its answer.
    expect(answers[0]!.headers.connection).toBe("close");
    expect(await done).toEqual({ cutOff: 0 });
    expect(s.server.listening).toBe(false);
    agent.destroy();
  });

  it("with nothing in hand, closes at once (idle keep-alive connections included)", async () => {
    const s = await serve(5000);
    servers.push(s.server);
    const agent = new (await import("node:http")).Agent({ keepAlive: true });
    await get(s.port, "/quick", agent);
    const t0 = Date.now();
    expect(await s.drain.start()).toEqual({ cutOff: 0 });
    expect(Date.now() - t0).toBeLessThan(1000);
    agent.destroy();
  });

  it("is bounded: a request still running at the limit is cut off", async () => {
    const s = await serve(200);
    servers.push(s.server);
    const hung = get(s.port, "/slow/hung").catch((error: Error) => error);
    await until(() => s.waiting.length === 1);
    const t0 = Date.now();
    expect(await s.drain.start()).toEqual({ cutOff: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
    expect(await hung).toBeInstanceOf(Error);
  });
});
