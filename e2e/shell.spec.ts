import { expect, signedInAs, test } from "./fixtures";

test.describe("the signed-in shell", () => {
  signedInAs("admin");

  test("shows the admin's name, role and navigation, and sends security headers", async ({ page }) => {
    const response = await page.goto("/profile");
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-powered-by"]).toBeUndefined();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    await expect(page.getByText("Alex Morgan").first()).toBeVisible();
    await expect(page.getByText("Administrator").first()).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" }).first();
    await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Clients" })).toHaveCount(0);
  });

  test("the profile form shows a validation error next to the field and saves a valid name", async ({ page }) => {
    await page.goto("/profile");
    const name = page.getByLabel("Your name");
    await name.fill("   ");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Enter your name.").first()).toBeVisible();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await name.fill("Alex Morgan-Reyes");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Your name was saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Your name")).toHaveValue("Alex Morgan-Reyes");
    await page.getByLabel("Your name").fill("Alex Morgan");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Your name was saved.")).toBeVisible();
  });
});

test.describe("health", () => {
  test("answers with the database driver", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
  });
});
