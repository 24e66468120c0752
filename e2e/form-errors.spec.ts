import type { Locator, Page } from "@playwright/test";
import { expect, LoginPage, signedInAs, test } from "./fixtures";

/**
 * Every form answers a refused submission the same way (after the GOV.UK error summary): a box at
 * the top of the form, focused, whose entries are links to their fields; the field's own message
 * beside it; the page title starting with "Error: ". Reached here by keyboard, as a screen reader
 * user would: Tab from the focused summary to its first entry, Enter, and the field has focus.
 */
async function expectErrorSummary(page: Page, field: Locator, message: string | RegExp) {
  const summary = page.locator("[data-error-summary]");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  const firstInForm = await summary.evaluate((el) => {
    const form = el.closest("form");
    const control = form?.querySelector("input:not([type=hidden]), select, textarea, fieldset");
    return Boolean(control && el.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(firstInForm, "the summary comes before the form's fields").toBe(true);
  const entry = summary.getByRole("link").first();
  await expect(entry).toHaveText(message);
  await page.keyboard.press("Tab");
  await expect(entry).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(field).toBeFocused();
  // The field's own message is beside it, and tied to it.
  const describedBy = await field.evaluate((el) => (el.closest("[aria-describedby]") ?? el).getAttribute("aria-describedby") ?? "");
  const described = await Promise.all(describedBy.split(" ").filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
  expect(described.join(" ")).toMatch(message);
}

async function openClient(page: Page, record: string, name: RegExp) {
  await page.goto(`/clients?q=${record}`);
  await page.getByRole("link", { name }).click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test.describe("error summaries on the counselor's forms", () => {
  signedInAs("counselor");
  test.setTimeout(60_000);

  test("new client", async ({ page }) => {
    await page.goto("/clients/new");
    await page.getByRole("button", { name: "Create client" }).click();
    await expectErrorSummary(page, page.getByLabel("Full name"), /name/i);
    await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  });

  test("discharge", async ({ page }) => {
    await openClient(page, "RRC-1002", /Blake/);
    await page.getByRole("button", { name: "Discharge…" }).click();
    await page.getByRole("button", { name: "Discharge", exact: true }).click();
    await expectErrorSummary(page, page.getByLabel("Reason"), "Say why the client is discharged.");
  });

  test("support network contact", async ({ page }) => {
    const base = await openClient(page, "RRC-1004", /Dante/);
    await page.goto(`${base}/support`);
    await page.getByRole("button", { name: "Add a family member or supporter" }).click();
    await page.getByRole("button", { name: "Add to support network" }).click();
    await expectErrorSummary(page, page.getByRole("textbox", { name: "Name", exact: true }), /name/i);
  });

  test("assign an exercise", async ({ page }) => {
    const base = await openClient(page, "RRC-1005", /Elena/);
    await page.goto(`${base}/exercises`);
    await page.getByRole("button", { name: "Assign an exercise" }).click();
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await expectErrorSummary(page, page.getByLabel("Exercise"), /exercise/i);
  });

  test("take a check-in", async ({ page }) => {
    const base = await openClient(page, "RRC-1006", /Farah/);
    await page.goto(`${base}/checkins`);
    await page.getByRole("link", { name: /Start\W+Emotional numbness check-in/ }).click();
    await page.getByRole("button", { name: "Save and score" }).click();
    await expectErrorSummary(page, page.getByRole("radio").first(), /Not answered/);
  });

  test("sign a note", async ({ page }) => {
    const base = await openClient(page, "RRC-1006", /Farah/);
    await page.goto(`${base}/notes`);
    await page.getByRole("link", { name: "Write a note" }).click();
    await page.getByRole("radio", { name: /^Individual/ }).check();
    await page.getByRole("button", { name: "Start writing" }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole("button", { name: "Sign…" }).click();
    await page.getByRole("button", { name: "Sign and lock" }).click();
    await expectErrorSummary(page, page.getByLabel("Data", { exact: true }), /before signing/);
  });

  test("the family note editor says what signing needs while the note is written", async ({ page }) => {
    const base = await openClient(page, "RRC-1006", /Farah/);
    await page.goto(`${base}/support`);
    await page.getByRole("button", { name: "Add a family member or supporter" }).click();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Ruth Okafor");
    await page.getByLabel("Relationship").selectOption("parent");
    await page.getByRole("button", { name: "Add to support network" }).click();
    await expect(page.getByText("Ruth Okafor was added to the support network.")).toBeVisible();
    await page.goto(`${base}/notes`);
    await page.getByRole("link", { name: "Write a note" }).click();
    await page.getByRole("radio", { name: /^Family support/ }).check();
    await page.getByRole("button", { name: "Start writing" }).click();
    await page.waitForURL(/\/edit$/);
    const needs = page.locator("#signing-needs");
    await expect(needs).toContainText("Choose who attended from the support network.");
    await expect(page.getByRole("button", { name: "Sign…" })).toHaveAccessibleDescription(/Before this note can be signed/);
    await page.getByRole("checkbox", { name: /Ruth Okafor/ }).check();
    await expect(needs).toContainText("Rate how each attendee engaged.");
    await page.getByLabel("How Ruth engaged").selectOption("engaged");
    await expect(needs).not.toContainText("Rate how each attendee engaged.");
    await expect(needs).not.toContainText("Choose who attended");
    // The server still checks: signing now is refused for what is still missing, not for the rating.
    await page.getByRole("button", { name: "Sign…" }).click();
    await page.getByRole("button", { name: "Sign and lock" }).click();
    await expect(page.locator("[data-error-summary]")).toBeFocused();
    await expect(page.locator("[data-error-summary]")).not.toContainText("engaged");
  });

  test("change password", async ({ page }) => {
    await page.goto("/profile");
    await page.getByRole("button", { name: "Change password" }).click();
    await expectErrorSummary(page, page.getByLabel("Current password"), /password/i);
  });
});

test.describe("error summaries elsewhere", () => {
  test("sign in", async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectErrorSummary(page, page.getByLabel("Email"), /email/i);
  });

  test.describe("administrator", () => {
    signedInAs("admin");
    test("invite a user", async ({ page }) => {
      await page.goto("/admin/users");
      await page.getByRole("link", { name: "Invite user" }).click();
      await page.getByRole("button", { name: "Create invitation link" }).click();
      await expectErrorSummary(page, page.getByRole("textbox", { name: "Name", exact: true }), /name/i);
    });
  });

  test.describe("client portal", () => {
    signedInAs("counselor");
    test("a client's exercise", async ({ page, browser }) => {
      const base = await openClient(page, "RRC-1001", /Avery/);
      await page.goto(`${base}/exercises`);
      await page.getByLabel("New link for").selectOption("client");
      await page.getByRole("button", { name: "Create private link" }).click();
      const link = await page.getByLabel("The new private link (shown only now)").inputValue();
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const client = await context.newPage();
      await client.goto(link);
      await client.getByRole("link", { name: /^Start\W/ }).first().click();
      await client.getByRole("button", { name: "Save" }).click();
      const firstField = client.locator("[data-field]").first().locator("input, select, textarea").first();
      await expectErrorSummary(client, firstField, /./);
      await context.close();
    });
  });
});
