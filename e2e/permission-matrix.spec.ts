import type { APIRequestContext } from "@playwright/test";
import { cellsOf, permissionMatrix, type MatrixCell } from "../src/security/matrix";
import type { MatrixWorld } from "../src/security/world";
import { expect, test } from "./fixtures";
import { auditRows, contextsFor, headerProblems, inventory, leaksIn, loadWorld, showsRecordNumbers, urlFor, type Who } from "./security-world";

/**
 * The permission matrix for every page and route handler, over HTTP against the built app (the
 * server actions' cells: e2e/action-matrix.spec.ts, over HTTP too).
 * Each cell asks as one role (the setup project's saved sign-ins) or with no cookies at all, and
 * checks the status: a page a role may not open answers 404 exactly like a missing record, and a
 * request without a session is sent to sign-in. Every answer carries the security headers; every
 * page that opens, as HTML and as the React server payload, carries no password or token hash
 * and no client the person may not see. Refused requests must not add to the audit log (checked
 * for the demo organisation through the admin's export).
 */
let world: MatrixWorld;
let contexts: Record<Who, APIRequestContext>;

test.beforeAll(async ({}, testInfo) => {
  world = loadWorld();
  contexts = await contextsFor(String(testInfo.project.use.baseURL));
});
test.afterAll(async () => {
  for (const context of Object.values(contexts ?? {})) await context.dispose();
});

const surfaces = inventory.filter((e) => e.kind === "page" || e.kind === "route");

function expectedStatus(cell: MatrixCell, kind: "page" | "route", path: string): string {
  switch (cell.verdict) {
    case "allow":
      return kind === "route" && path.includes("nextauth") ? "2xx/3xx" : "200";
    case "404":
      return "404";
    case "login":
      return "redirect to /login";
    case "redirect":
      return "redirect";
    default:
      return cell.verdict;
  }
}

function observedStatus(status: number, location: string | undefined): string {
  if (status >= 300 && status < 400) return location && new URL(location, "http://x").pathname === "/login" ? "redirect to /login" : "redirect";
  return String(status);
}

test.describe("the permission matrix for pages and route handlers", () => {
  test.describe.configure({ timeout: 120_000 });

  for (const entry of surfaces) {
    const rule = permissionMatrix[entry.id];
    test(`${entry.id}: ${rule?.rule ?? "NOT IN THE MATRIX"}`, async () => {
      expect(rule, "add it to src/security/matrix.ts").toBeDefined();
      const method = entry.kind === "route" ? entry.method : "GET";
      const cells = cellsOf(rule!);
      const wrong: string[] = [];
      const ask = async (cell: MatrixCell) => {
        const url = urlFor(world, entry.path, cell.target);
        const context = contexts[cell.role];
        const response = method === "POST" ? await context.post(url.replace(/\/session$/, "/signout"), { form: {} }) : await context.get(url);
        const observed = observedStatus(response.status(), response.headers().location);
        const expected = expectedStatus(cell, entry.kind as "page" | "route", entry.path);
        const ok = expected === "2xx/3xx" ? response.status() < 400 : observed === expected;
        if (!ok) wrong.push(`${cell.role} × ${cell.target ?? "-"} ${url}: expected ${expected}, got ${observed}`);
        if (entry.kind === "page") for (const p of headerProblems(entry.path, response)) wrong.push(`${cell.role} × ${cell.target ?? "-"}: ${p}`);
        if (ok && response.status() === 200) {
          const options = { allowedTokens: [url.split("/")[2] ?? ""], recordNumbersAllowed: showsRecordNumbers(entry.path) };
          for (const leak of leaksIn(world, cell.role, await response.text(), options)) wrong.push(`${cell.role} × ${cell.target ?? "-"} HTML: ${leak}`);
          if (entry.kind === "page") {
            const rsc = await context.get(url, { headers: { RSC: "1" } });
            for (const leak of leaksIn(world, cell.role, await rsc.text(), options)) wrong.push(`${cell.role} × ${cell.target ?? "-"} RSC payload: ${leak}`);
          }
        }
      };

      // Refused first, between two counts of the audit log: a refusal writes nothing.
      const refused = cells.filter((c) => c.verdict === "404" || c.verdict === "login");
      const before = await auditRows(contexts.admin);
      for (const cell of refused) await ask(cell);
      const after = await auditRows(contexts.admin);
      // +1: the second export records itself.
      expect(after, `refused requests to ${entry.id} wrote to the audit log`).toBe(before + 1);
      for (const cell of cells.filter((c) => !refused.includes(c))) await ask(cell);
      expect(wrong).toEqual([]);
    });
  }

  test("a portal link nobody issued opens nothing", async () => {
    const unknown = "A".repeat(43);
    for (const path of ["/p/[token]", "/p/[token]/c", "/p/[token]/a/[assignmentId]", "/p/[token]/c/[scheduleId]"]) {
      const response = await contexts.anonymous.get(urlFor(world, path, "own").replace(world.targets.own.portalToken, unknown));
      expect(response.status(), path).toBe(404);
    }
  });
});
