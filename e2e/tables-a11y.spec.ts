import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, signedInAs, test } from "./fixtures";

/** Every link's accessible name on the page, read from Chromium's accessibility tree. */
async function linkNames(page: Page, within = page.locator("body")): Promise<string[]> {
  const snapshot = await within.ariaSnapshot();
  // A name with ": " in it is written as a single-quoted YAML string ('link "a: b"'), with ' doubled.
  return [...snapshot.matchAll(/^\s*- (?:'link "(.*)"'|link "((?:[^"\\]|\\.)*)")/gm)].map((m) => (m[1] !== undefined ? m[1].replaceAll("''", "'") : (JSON.parse(`"${m[2]}"`) as string)));
}

/** The accessible names of a data table's body rows, and each row's link. */
async function rowNames(page: Page) {
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      links: [...tr.querySelectorAll("a")].map((a) => a.textContent?.trim() ?? ""),
      tabStops: [...tr.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex]")].filter((el) => el.tabIndex >= 0).length,
    })),
  );
}

test.describe("tables open from the client's name", () => {
  signedInAs("counselor");

  for (const { path, nameColumn } of [
    { path: "/caseload", nameColumn: "Name" },
    { path: "/clients", nameColumn: "Name" },
  ]) {
    test(`${path}: each row is one link named by the client, one Tab stop, arrow keys between rows`, async ({ page }) => {
      await page.goto(path);
      const table = page.getByRole("table");
      const headers = await table.getByRole("columnheader").allInnerTexts();
      const nameIndex = headers.findIndex((h) => h.trim().toLowerCase().startsWith(nameColumn.toLowerCase()));
      expect(nameIndex).toBeGreaterThanOrEqual(0);
      const names = await table.locator(`tbody tr td:nth-child(${nameIndex + 1})`).allInnerTexts();
      const rows = await rowNames(page);
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.map((r) => r.links)).toEqual(names.map((n) => [n.trim()]));
      expect(rows.every((r) => r.tabStops === 1)).toBe(true);

      // The accessibility tree: every row link is named by a person's name, never "None".
      const inTable = await linkNames(page, table);
      expect(inTable).toEqual(names.map((n) => n.trim()));
      expect(inTable.filter((n) => /^(None|—|)$/.test(n))).toEqual([]);

      const links = table.locator("tbody a");
      await links.first().focus();
      await page.keyboard.press("ArrowDown");
      await expect(links.nth(1)).toBeFocused();
      await page.keyboard.press("End");
      await expect(links.last()).toBeFocused();
      await page.keyboard.press("ArrowUp");
      await expect(links.nth(rows.length - 2)).toBeFocused();
      await page.keyboard.press("Home");
      await expect(links.first()).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}/);
    });
  }
});

test.describe("link names read aloud", () => {
  signedInAs("counselor");
  test.setTimeout(90_000);

  test("no link on the counselor's main pages has an odd name", async ({ page }) => {
    await page.goto("/clients?q=RRC-1006");
    await page.getByRole("link", { name: /Farah/ }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const base = new URL(page.url()).pathname;
    const pages = ["/caseload", "/clients", "/library", "/notes/cosign", "/profile", base, `${base}/trends`, `${base}/checkins`, `${base}/exercises`, `${base}/notes`, `${base}/support`, `${base}/reports`];
    const heard: string[] = [];
    const odd: string[] = [];
    for (const path of pages) {
      const response = await page.goto(path);
      if (!response?.ok()) continue;
      for (const name of await linkNames(page)) {
        heard.push(`${path.replace(base, "/clients/[id]")}\t${name}`);
        // A stray space before punctuation, an empty or whitespace-edged name, or a bare placeholder.
        if (/\s[:;,.]/.test(name) || name.trim() !== name || name === "" || /^(None|—|-|Open|Link|Click here|here)$/i.test(name)) odd.push(`${path}: "${name}"`);
      }
    }
    // Kept for a person to read through (test-results is not committed).
    writeFileSync(test.info().outputPath("link-names.tsv"), [...new Set(heard)].join("\n"));
    expect(odd).toEqual([]);
  });
});
