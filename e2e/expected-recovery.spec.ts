import { expect, signedInAs, test } from "./fixtures";

test.describe("expected recovery", () => {
  test.setTimeout(120_000);

  test.describe("administrator", () => {
    signedInAs("admin");

    test("refits the numbness curve and reads how well its warning worked on held-out clients", async ({ page }) => {
      await page.goto("/admin/instruments");
      await page.getByRole("link", { name: /Expected recovery curves/ }).click();
      await expect(page.getByRole("heading", { name: "Expected recovery", level: 1 })).toBeVisible();
      const row = page.getByRole("row").filter({ hasText: "Emotional numbness check-in" }).first();
      await row.getByRole("button", { name: /Refit now/ }).click();
      await expect(row.getByText(/Refitted on \d+ clients and \d+ check-ins after their baselines\./)).toBeVisible({ timeout: 30_000 });
      await page.reload();
      const held = page.getByRole("table", { name: "Hold-out check per check-in" }).getByRole("row").filter({ hasText: "Emotional numbness check-in" });
      await expect(held).toContainText(/\d+ of \d+ \(\d+%\)/);
      await expect(page.getByTestId("bar-chart")).toBeVisible();
      await expect(page.getByText(/asked for by an administrator/).first()).toBeVisible();
      // Each fit with a curve says how many not-on-track alerts came from it (their audit events name it).
      await expect(page.getByText(/asked for by an administrator · \d+ clients · \d+ ms · \d+ not-on-track alerts? · fit [0-9a-f]{8}/).first()).toBeVisible();
      // When the reliable change parameters became the organisation's own, or how far from it.
      const rci = page.getByRole("table", { name: /when the organisation.s own values took over/ }).getByRole("row").filter({ hasText: "Emotional numbness check-in" });
      await expect(rci).toContainText(/[A-Z][a-z]{2} \d{1,2}, \d{4}|Not yet: \d+ of 30 baselines/);
    });
  });

  test.describe("counselor", () => {
    signedInAs("counselor");

    test("sees the expected band described under the numbness chart", async ({ page }) => {
      await page.goto("/caseload");
      await page.getByRole("row").nth(1).getByRole("link").first().click();
      await page.getByRole("link", { name: "Trends", exact: true }).click();
      await expect(page.getByText(/^Expected recovery: no curve|Dashed thin lines: the 10th and 90th percentiles/).first()).toBeVisible();
      // Every number on the page is defined on the methods page, one click away.
      await page.getByRole("link", { name: "How is this computed?" }).click();
      await expect(page.getByRole("heading", { name: "6. Verdicts can change without new data" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "The band and the verdict" })).toBeVisible();
    });
  });
});
