import { describe, expect, it } from "vitest";
import { admissionOptionsFrom, bypassesAdmission, createAdmission, isSheddable } from "./admission";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("admission control", () => {
  it("admits up to maxActive at once and the next waiter when one finishes, in order", async () => {
    const gate = createAdmission({ maxActive: 2, maxQueue: 10, maxWaitMs: 10_000 });
    const a = await gate.admit(true);
    const b = await gate.admit(true);
    expect(a.admitted && b.admitted).toBe(true);
    const order: string[] = [];
    const c = gate.admit(true).then((t) => (order.push("c"), t));
    const d = gate.admit(true).then((t) => (order.push("d"), t));
    await tick();
    expect(order).toEqual([]);
    expect(gate.stats()).toMatchObject({ active: 2, queued: 2 });
    if (a.admitted) a.release();
    await tick();
    expect(order).toEqual(["c"]);
    if (a.admitted) a.release(); // a second release of the same turn changes nothing
    await tick();
    expect(order).toEqual(["c"]);
    if (b.admitted) b.release();
    await tick();
    expect(order).toEqual(["c", "d"]);
    const [tc, td] = await Promise.all([c, d]);
    if (tc.admitted) tc.release();
    if (td.admitted) td.release();
    expect(gate.stats()).toEqual({ active: 0, queued: 0, admitted: 4, refused: 0 });
  });

  it("refuses a page load at once when the queue is full, with Retry-After from the wait limit", async () => {
    const gate = createAdmission({ maxActive: 1, maxQueue: 1, maxWaitMs: 2500 });
    await gate.admit(true);
    void gate.admit(true);
    const refused = await gate.admit(true);
    expect(refused).toEqual({ admitted: false, retryAfterSeconds: 3 });
    expect(gate.stats()).toMatchObject({ active: 1, queued: 1, refused: 1 });
  });

  it("refuses a page load that waited longer than maxWaitMs and takes it off the queue", async () => {
    const gate = createAdmission({ maxActive: 1, maxQueue: 5, maxWaitMs: 20 });
    const first = await gate.admit(true);
    const waited = await gate.admit(true);
    expect(waited.admitted).toBe(false);
    expect(gate.stats()).toMatchObject({ active: 1, queued: 0 });
    if (first.admitted) first.release();
    expect(gate.stats().active).toBe(0);
  });

  it("never refuses a write: it waits past the page-load limits and is served in turn", async () => {
    const gate = createAdmission({ maxActive: 1, maxQueue: 0, maxWaitMs: 1 });
    const first = await gate.admit(true);
    let served = false;
    const write = gate.admit(false).then((t) => ((served = t.admitted), t));
    await new Promise((r) => setTimeout(r, 20));
    expect(served).toBe(false);
    expect((await gate.admit(true)).admitted).toBe(false); // page loads are still shed meanwhile
    if (first.admitted) first.release();
    const turn = await write;
    expect(turn.admitted).toBe(true);
  });

  it("refuses a write only when a thousand (here two) writes already wait", async () => {
    const gate = createAdmission({ maxActive: 1, maxQueue: 0, maxWaitMs: 1, maxWriteQueue: 2 });
    await gate.admit(true);
    void gate.admit(false);
    void gate.admit(false);
    expect((await gate.admit(false)).admitted).toBe(false);
    expect(gate.stats()).toMatchObject({ queued: 2, refused: 1 });
  });

  it("lets static files and the health check through, and sheds only GET and HEAD", () => {
    expect(bypassesAdmission("GET", "/_next/static/chunks/app.js")).toBe(true);
    expect(bypassesAdmission("GET", "/api/health?x=1")).toBe(true);
    expect(bypassesAdmission("GET", "/caseload")).toBe(false);
    expect(bypassesAdmission("POST", "/api/health")).toBe(false);
    expect(isSheddable("GET")).toBe(true);
    expect(isSheddable("HEAD")).toBe(true);
    expect(isSheddable("POST")).toBe(false);
  });

  it("reads its limits from the environment, falling back on nonsense", () => {
    expect(admissionOptionsFrom({ ATTUNE_MAX_ACTIVE: "3", ATTUNE_MAX_QUEUE: "0", ATTUNE_MAX_WAIT_MS: "250" })).toEqual({ maxActive: 3, maxQueue: 0, maxWaitMs: 250 });
    expect(admissionOptionsFrom({ ATTUNE_MAX_ACTIVE: "0", ATTUNE_MAX_QUEUE: "-1", ATTUNE_MAX_WAIT_MS: "x" })).toEqual({ maxActive: 8, maxQueue: 100, maxWaitMs: 4000 });
  });
});

describe("admissionHandler on a real server", () => {
  it("hands on the turn of a client that gave up while waiting, so nothing stays stuck", async () => {
    const { createServer } = await import("node:http");
    const { admissionHandler } = await import("./admission");
    const gate = createAdmission({ maxActive: 1, maxQueue: 10, maxWaitMs: 10_000 });
    const server = createServer(admissionHandler(gate, (_req, res) => setTimeout(() => res.end("ok"), 150)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const get = (signal?: AbortSignal) => fetch(`http://127.0.0.1:${port}/`, { signal }).then((r) => r.text());
    try {
      const first = get();
      await new Promise((r) => setTimeout(r, 30));
      // Three clients queue behind the first and give up before their turn comes.
      const quitters = [0, 1, 2].map(() => {
        const abort = new AbortController();
        const p = get(abort.signal).catch(() => "aborted");
        setTimeout(() => abort.abort(), 40);
        return p;
      });
      expect(await Promise.all(quitters)).toEqual(["aborted", "aborted", "aborted"]);
      expect(await first).toBe("ok");
      // Their turns were passed on: the next request is served at once, and nothing is held.
      const t0 = Date.now();
      expect(await get()).toBe("ok");
      expect(Date.now() - t0).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 20));
      expect(gate.stats()).toMatchObject({ active: 0, queued: 0 });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("answers a refused page load with 503, Retry-After and the busy message, and releases each turn once", async () => {
    const { createServer } = await import("node:http");
    const { admissionHandler, BUSY_MESSAGE } = await import("./admission");
    const gate = createAdmission({ maxActive: 1, maxQueue: 0, maxWaitMs: 1000 });
    const server = createServer(admissionHandler(gate, (_req, res) => setTimeout(() => res.end("ok"), 100), { "X-Frame-Options": "DENY" }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const first = fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      await new Promise((r) => setTimeout(r, 20));
      const refused = await fetch(`http://127.0.0.1:${port}/`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(refused.headers.get("x-frame-options")).toBe("DENY");
      expect(await refused.text()).toBe(BUSY_MESSAGE);
      expect(await first).toBe("ok");
      await new Promise((r) => setTimeout(r, 20));
      expect(gate.stats()).toMatchObject({ active: 0, admitted: 1, refused: 1 });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
