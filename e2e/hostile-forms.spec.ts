import { expect, signedInAs, test } from "./fixtures";

test.describe("hostile input on a real form", () => {
  signedInAs("counselor");

  async function fillNewClient(page: import("@playwright/test").Page, recordNumber: string) {
    await page.goto("/clients/new");
    await page.getByLabel("Full name").fill("Quinn Hostile");
    await page.getByLabel("Record number").fill(recordNumber);
    await page.getByLabel("Recovery focus").selectOption("trauma");
    await page.getByLabel("Start date").fill("2026-09-01");
  }

  test("a form over 1 MB is stopped in the browser with a message beside the longest field, and nothing is sent", async ({ page }) => {
    await fillNewClient(page, "E2E-HUGE-1");
    const name = page.getByLabel("Full name");
    await name.evaluate((el: HTMLInputElement) => {
      el.value = "x".repeat(1_100_000);
    });
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.getByRole("button", { name: "Create client" }).click();
    await expect.poll(() => name.evaluate((el: HTMLInputElement) => el.validationMessage)).toContain("larger than the 1 MB Attune accepts");
    expect(posts).toEqual([]);
    await expect(page).toHaveURL(/\/clients\/new$/);
  });

  test("a NUL character is refused beside its field and what was typed is kept", async ({ page }) => {
    await fillNewClient(page, "E2E-NUL-1");
    await page.getByLabel("Preferred name").evaluate((el: HTMLInputElement) => {
      el.value = "Qu\u0000inn";
    });
    await page.getByRole("button", { name: "Create client" }).click();
    await expect(page.getByText("This contains a character that cannot be saved").first()).toBeVisible();
    await expect(page.getByLabel("Preferred name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Full name")).toHaveValue("Quinn Hostile");
    await expect(page).toHaveURL(/\/clients\/new$/);
  });
});
