import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES } from "./body-limit";
import { guardRequest } from "./request-guard";

let server: Server;
let base: string;
let reached = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (guardRequest(req, res)) return;
    reached++;
    req.resume();
    req.on("end", () => res.end(`ok ${String(req.headers["x-request-id"])}`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const action = "7f3a1c2b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a";

describe("the edge's guard for server actions (a real server)", () => {
  it("answers a body over the limit 413 with a message, before the app sees it", async () => {
    const before = reached;
    const response = await fetch(`${base}/clients/new`, { method: "POST", headers: { "Next-Action": action }, body: "x".repeat(ACTION_BODY_LIMIT_BYTES + 1) });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/larger than the 1 MB Attune accepts, so nothing was saved/);
    expect(reached).toBe(before);
  });

  it("answers a malformed Next-Action request 400", async () => {
    for (const headers of [{ "Next-Action": "not an id" }, { "Next-Action": "" }]) {
      const response = await fetch(`${base}/`, { method: "POST", headers, body: "{}" });
      expect(response.status).toBe(400);
    }
    const get = await fetch(`${base}/`, { headers: { "Next-Action": action } });
    expect(get.status).toBe(400);
  });

  it("answers a path with a malformed %-escape 400", async () => {
    const response = await fetch(`${base}/clients/%ZZ/trends`);
    expect(response.status).toBe(400);
    expect((await fetch(`${base}/clients/%E2%80%AE`)).status).toBe(200);
  });

  it("lets a well-formed action within the limit through, and gives every request its own id", async () => {
    const response = await fetch(`${base}/clients/new`, { method: "POST", headers: { "Next-Action": action, "X-Request-Id": "forged" }, body: "x".repeat(1000) });
    expect(response.status).toBe(200);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await response.text()).toBe(`ok ${id}`);
    const page = await fetch(`${base}/caseload`);
    expect(page.headers.get("x-request-id")).not.toBe(id);
  });
});
