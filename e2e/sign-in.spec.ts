import { expect, test, users } from "./fixtures";

test.describe("sign-in", () => {
  test("a counselor signs in and sees the shell with their name and role", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(users.counselor);
    await expect(page).toHaveURL(/\/caseload$/);
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" }).first();
    await expect(nav.getByRole("link", { name: "Clients" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(page.getByText("Jordan Ellis").first()).toBeVisible();
    await expect(page.getByText("Counselor", { exact: true }).first()).toBeVisible();
  });

  test("a wrong password gets one generic message and keeps the email", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(users.counselor2, "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "do not match an active account" })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(users.counselor2);
    await expect(page).toHaveURL(/\/login/);
  });

  test("an unknown email gets exactly the same message", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn("nobody-here@attune.demo", "whatever-password");
    await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an active account." })).toBeVisible();
  });

  test("an invalid email is flagged next to the field", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn("not-an-email", "x");
    await expect(page.getByText("Enter the email address you were invited with.").first()).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("repeated failures for one email are throttled with a clear message", async ({ page, loginPage }) => {
    const email = "throttle-target@attune.demo";
    await loginPage.goto();
    for (let i = 0; i < 5; i++) {
      await loginPage.signIn(email, `wrong-${i}`);
      await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
      // The refused form has re-rendered (the password is cleared) before the next attempt is typed.
      await expect(page.getByRole("textbox", { name: "Password", exact: true })).toHaveValue("");
    }
    await loginPage.signIn(email, "wrong-again");
    await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in attempts" })).toBeVisible();
  });

  test("a protected page redirects to sign-in and back after signing in", async ({ page, loginPage }) => {
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprofile/);
    await loginPage.signIn(users.counselor);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  });

  test("sign-out ends the session", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(users.counselor3);
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(page).toHaveURL(/\/login\?reason=signed_out/);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login/);
  });

  test("after 15 minutes without activity the person is signed out and told why", async ({ page, loginPage }) => {
    await page.clock.install();
    await loginPage.goto();
    await loginPage.signIn(users.counselor3);
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    await page.clock.fastForward("13:30");
    await expect(page.getByRole("alertdialog")).toContainText("you will be signed out");
    await page.clock.fastForward("01:45");
    await expect(page).toHaveURL(/\/login\?reason=idle/);
    await expect(page.getByText("signed out after 15 minutes without activity")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});
