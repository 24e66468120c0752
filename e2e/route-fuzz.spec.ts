import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { expect, test } from "./fixtures";
import { hostileSegments } from "./hostile-corpus";
import { contextsFor, inventory, loadWorld, urlFor, type Who } from "./security-world";

/**
 * Every page and route handler, over HTTP against the built app. Each route parameter is tried
 * with a real id of this organisation and of the other one, and with every hostile segment
 * (malformed ids, very long strings, percent-encoding, NUL), each as one of the roles or no
 * session in turn; route handlers also get fast-check's hostile query strings and bodies. No
 * answer may be a server error (5xx).
 */
const RUNS = Number(process.env.ATTUNE_FUZZ_RUNS ?? 15);
let contexts: Record<Who, APIRequestContext>;
const tally = { requests: 0, statuses: {} as Record<number, number> };

test.beforeAll(async ({}, testInfo) => {
  contexts = await contextsFor(String(testInfo.project.use.baseURL));
});
test.afterAll(async () => {
  console.log(`route fuzz: ${tally.requests} requests, ${Object.entries(tally.statuses).filter(([status]) => Number(status) >= 500).reduce((n, [, count]) => n + count, 0)} answered 5xx; by status ${JSON.stringify(tally.statuses)}`);
  for (const context of Object.values(contexts ?? {})) await context.dispose();
});

const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.integer().map(String),
  fc.constantFrom("", "NaN", "-1", "1e309", "null", "[]", "{}", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "2026-02-30", "x".repeat(20_000)),
);
const params = fc.array(fc.tuple(fc.oneof(fc.constantFrom("user", "client", "action", "from", "to", "sort", "cursor", "page", "__proto__", "callbackUrl", "csrfToken"), fc.string({ maxLength: 12 })), hostile), { maxLength: 6 });
const who = fc.constantFrom<Who>("admin", "supervisor", "counselor", "other", "anonymous");

/** The concrete URL for a route pattern: the catch-all of Auth.js gets hostile sub-paths. */
const path = (pattern: string) => (pattern.includes("[...nextauth]") ? fc.oneof(fc.constantFrom("session", "csrf", "providers", "signin", "signout", "callback/credentials", "error"), fc.webSegment()).map((s) => pattern.replace("[...nextauth]", s)) : fc.constant(pattern));

async function send(context: APIRequestContext, method: string, url: string, body: [string, string][]) {
  const response = method === "POST" ? await context.post(url, { form: Object.fromEntries(body) }) : await context.get(url);
  tally.requests++;
  tally.statuses[response.status()] = (tally.statuses[response.status()] ?? 0) + 1;
  return response;
}

for (const route of inventory.filter((e) => e.kind === "route")) {
  test(`${route.id} answers hostile input without a server error`, async () => {
    await fc.assert(
      fc.asyncProperty(who, path(route.path), params, params, async (role, target, query, body) => {
        const search = new URLSearchParams(query).toString();
        const url = `${target}${search ? `?${search}` : ""}`.slice(0, 8000);
        const response = await send(contexts[role], route.kind === "route" ? route.method : "GET", url, body);
        expect(response.status(), `${role} ${url}`).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
  });
}

const roles: Who[] = ["admin", "supervisor", "counselor", "counselor2", "other", "anonymous"];

const withParameters = inventory.filter((e): e is Exclude<(typeof inventory)[number], { kind: "action" }> => e.kind !== "action" && e.path.includes("["));
for (const entry of withParameters) {
  test(`${entry.id}: every parameter answers hostile values without a server error`, async () => {
    const world = loadWorld();
    const segments = entry.path.split("/");
    const real = { own: urlFor(world, entry.path, "own"), foreign: urlFor(world, entry.path, "foreign") };
    const method = entry.kind === "route" ? entry.method : "GET";
    const failures: string[] = [];
    let turn = 0;
    for (const url of [real.own, real.foreign]) {
      for (const role of roles) {
        const response = await send(contexts[role], method, url, []);
        if (response.status() >= 500) failures.push(`${role} ${url}: ${response.status()}`);
      }
    }
    for (const [index, segment] of segments.entries()) {
      if (!segment.startsWith("[")) continue;
      for (const value of hostileSegments) {
        const parts = new URL(real.own, "http://x").pathname.split("/");
        parts[index] = value;
        const url = parts.join("/");
        const role = roles[turn++ % roles.length]!;
        const response = await send(contexts[role], method, url, []);
        if (response.status() >= 500) failures.push(`${role} ${url.slice(0, 120)}: ${response.status()}`);
      }
    }
    expect(failures).toEqual([]);
  });
}
