import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticBrotli } from "./static-brotli";

let dir: string;
let server: Server;
let port: number;
let warmServe: ReturnType<typeof createStaticBrotli>;
const source = `console.log(${JSON.stringify("attune ".repeat(2000))});`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "attune-brotli-"));
  mkdirSync(path.join(dir, "static", "chunks"), { recursive: true });
  writeFileSync(path.join(dir, "static", "chunks", "a.js"), source);
  writeFileSync(path.join(dir, "secret.js"), "nope");
  const serve = createStaticBrotli(dir, [{ key: "X-Content-Type-Options", value: "nosniff" }]);
  warmServe = serve;
  server = createServer((req, res) => {
    if (serve(req, res)) return;
    res.writeHead(404, { "X-Fallthrough": "1" });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

// node:http rather than fetch: fetch would decode the body and hide the encoding.
function get(pathname: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: pathname, headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function warm(pathname: string) {
  await warmServe.warmAll();
  return get(pathname, "gzip, br");
}

describe("createStaticBrotli", () => {
  it("leaves requests to Next until the files are compressed, then answers with the brotli file and the security headers", async () => {
    const first = await get("/_next/static/chunks/a.js", "gzip, deflate, br, zstd");
    expect(first.headers["x-fallthrough"]).toBe("1");
    const r = await warm("/_next/static/chunks/a.js");
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.headers["content-type"]).toMatch(/^application\/javascript/);
    expect(r.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(r.headers["vary"]).toBe("Accept-Encoding");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(brotliDecompressSync(r.body).toString()).toBe(source);
    expect(r.body.length).toBeLessThan(source.length / 10);
  });

  it("warmAll compresses every script and stylesheet of the build up front", async () => {
    writeFileSync(path.join(dir, "static", "chunks", "b.css"), "body{color:red}".repeat(100));
    const serve = createStaticBrotli(dir, []);
    expect(await serve.warmAll()).toBe(2);
    const res = { writeHead: () => res, end: () => undefined } as unknown as Parameters<typeof serve>[1];
    const req = (url: string) => ({ method: "GET", url, headers: { "accept-encoding": "br" } }) as unknown as Parameters<typeof serve>[0];
    expect(serve(req("/_next/static/chunks/b.css"), res)).toBe(true);
    expect(serve(req("/_next/static/chunks/a.js"), res)).toBe(true);
  });

  it("does not answer a browser that does not accept brotli, other paths, or a path outside static/", async () => {
    await warm("/_next/static/chunks/a.js");
    expect((await get("/_next/static/chunks/a.js", "gzip")).headers["x-fallthrough"]).toBe("1");
    expect((await get("/_next/static/chunks/missing.js", "br")).headers["x-fallthrough"]).toBe("1");
    expect((await get("/_next/static/../secret.js", "br")).headers["x-fallthrough"]).toBe("1");
    expect((await get("/_next/static/chunks/%2e%2e/%2e%2e/secret.js", "br")).headers["x-fallthrough"]).toBe("1");
    expect((await get("/clients", "br")).headers["x-fallthrough"]).toBe("1");
  });
});
