import { expect, signedInAs, test } from "./fixtures";

// The browser tests' server has no SMTP server: every message is kept in the outbox, where an
// administrator reads it. This follows one message from a counselor's button to its
// unsubscribe link.
test.describe("messages", () => {
  test.setTimeout(120_000);

  test.describe("as the administrator", () => {
    signedInAs("admin");
    test("the outbox lists the demo's messages, filters them, and shows one message's text", async ({ page }) => {
      await page.goto("/admin/messages");
      await expect(page.getByRole("heading", { name: "Messages", level: 1 })).toBeVisible();
      await page.getByLabel("Kind").selectOption("critical_alert");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/type=critical_alert/);
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows.filter({ hasText: "Answer needs review" }).first()).toBeVisible();
      await expect(rows.filter({ hasText: "Staff invitation" })).toHaveCount(0);
      await page.getByRole("link", { name: /An answer needs your review/ }).first().click();
      await expect(page.getByText("Sign in to review:")).toBeVisible();
    });
  });

  test.describe("as a counselor, then the client, then the administrator", () => {
    signedInAs("counselor");
    test("a counselor records an address and consent and sends the link; the message's unsubscribe link withdraws the consent", async ({ page, browser }) => {
      const address = `e2e-${Date.now().toString(36)}@example.com`;
      await page.goto("/clients?q=RRC-1001");
      await page.getByRole("link", { name: /Avery/ }).click();
      await page.getByRole("link", { name: "Exercises" }).click();
      await page.getByLabel("Email address").fill(address);
      await page.getByLabel("Consent to email reminders").selectOption("granted");
      await page.getByRole("button", { name: "Save email settings" }).click();
      await expect(page.getByText(/^Saved/)).toBeVisible();
      await page.getByRole("button", { name: "Send the link now" }).click();
      await expect(page.getByText(/on its way by email|preferred hour/)).toBeVisible();
      const sent = page.getByRole("list", { name: "Messages sent" }).getByRole("listitem").filter({ hasText: address });
      await expect(sent.first()).toContainText("Private link");

      // The administrator reads it in the outbox: the client's link and the unsubscribe link, nothing clinical.
      const admin = await browser.newContext({ storageState: `e2e/.auth/${process.env.E2E_PORT ?? "3210"}/admin.json` });
      const adminPage = await admin.newPage();
      await adminPage.goto("/admin/messages?type=portal_link");
      // Newest first: the row for this address.
      await adminPage.getByRole("row").filter({ hasText: address }).first().getByRole("link", { name: "Your private link" }).click();
      const text = (await adminPage.locator("pre").first().textContent()) ?? "";
      expect(text).toMatch(/\/p\/[A-Za-z0-9_-]{43}/);
      expect(text).not.toMatch(/Avery|thought|check-in|counsel/i);
      const unsubscribe = /(\/unsubscribe\/[A-Za-z0-9_-]{43})/.exec(text)![1]!;
      await admin.close();

      // The person follows it without signing in; opening it changes nothing, the button does.
      const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 390, height: 844 } });
      const person = await anonymous.newPage();
      await person.goto(unsubscribe);
      await person.getByRole("button", { name: "Stop these emails" }).click();
      await expect(person.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
      await anonymous.close();

      await page.reload();
      await expect(page.getByText("Withdrew consent through the unsubscribe link")).toBeVisible();
      await page.getByRole("button", { name: "Send the link now" }).click();
      await expect(page.getByText("Not sent: there is no consent to email this person.")).toBeVisible();
    });
  });
});
