import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { expect, test } from "./fixtures";
import { contextsFor, inventory, type Who } from "./security-world";

/**
 * Every route handler, over HTTP against the built app, with fast-check's hostile query strings,
 * paths and bodies: no answer may be a server error (5xx), and every refusal is a plain 4xx.
 */
const RUNS = Number(process.env.ATTUNE_FUZZ_RUNS ?? 15);
let contexts: Record<Who, APIRequestContext>;
const tally = { requests: 0, statuses: {} as Record<number, number> };

test.beforeAll(async ({}, testInfo) => {
  contexts = await contextsFor(String(testInfo.project.use.baseURL));
});
test.afterAll(async () => {
  console.log(`route fuzz: ${JSON.stringify(tally)}`);
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
