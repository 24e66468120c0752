import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures";

// axe-core's own script, run in the page through the DevTools protocol (not a <script> tag, so the
// Content-Security-Policy stays as it is). WCAG 2.1 A and AA rules.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function clientPath(page: Page, record: string) {
  await page.goto(`/clients?q=${record}`);
  await page.getByRole("table").getByRole("link").first().press("Enter");
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

const roles = {
  counselor: ["/caseload", "/clients", "/clients/new", "/library", "/methods", "/profile", "", "/trends", "/checkins", "/exercises", "/notes", "/support", "/reports"],
  supervisor: ["/caseload", "/team", "/team/outcomes", "/notes/cosign"],
  admin: ["/admin/users", "/admin/audit", "/admin/instruments", "/library"],
} as const;

for (const [role, paths] of Object.entries(roles) as [keyof typeof roles, readonly string[]][]) {
  test.describe(`axe-core, ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test(`no violations on the ${role}'s pages, with a refused form and the shortcuts list open`, async ({ page }) => {
      test.setTimeout(120_000);
      const base = role === "counselor" ? await clientPath(page, "RRC-1006") : "";
      const found: string[] = [];
      for (const path of paths) {
        const url = path.startsWith("/") && !["", "/trends", "/checkins", "/exercises", "/notes", "/support", "/reports"].includes(path) ? path : `${base}${path}`;
        await page.goto(url);
        await expect(page.locator("main")).toBeVisible();
        found.push(...(await violations(page)).map((v) => `${url} ${v}`));
      }
      if (role === "counselor") {
        // A refused form: the error summary, the invalid fields and their messages.
        await page.goto("/clients/new");
        await page.getByRole("button", { name: "Create client" }).press("Enter");
        await expect(page.locator("[data-error-summary]")).toBeFocused();
        found.push(...(await violations(page)).map((v) => `refused form ${v}`));
        await page.locator("body").press("Escape");
        await page.keyboard.press("?");
        await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
        found.push(...(await violations(page)).map((v) => `shortcuts ${v}`));
      }
      expect(found).toEqual([]);
    });
  });
}
