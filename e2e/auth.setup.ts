import { expect, LoginPage, savedRoles, storageStateFor, test, users } from "./fixtures";

for (const role of savedRoles) {
  test(`sign in as ${role}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(users[role]);
    await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
