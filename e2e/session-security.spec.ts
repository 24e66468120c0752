import { expect, test } from "./fixtures";
import { securityUsers } from "./security-users";

test.describe("session cookie and sign-out", () => {
  test("the session cookie is __Host- prefixed, HttpOnly, Secure and SameSite=Lax", async ({ page, loginPage, context }) => {
    await loginPage.goto();
    await loginPage.signIn(securityUsers.signOut.email);
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    const session = (await context.cookies()).find((c) => c.name.startsWith("__Host-attune.session"));
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(session!.domain).not.toMatch(/^\./);
  });

  test("a session cookie saved before sign-out no longer opens a page", async ({ page, loginPage, context, browser }) => {
    await loginPage.goto();
    await loginPage.signIn(securityUsers.signOut.email);
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    const saved = await context.storageState();

    // The copy works while the session lives.
    const before = await browser.newContext({ storageState: saved });
    const copy = await before.newPage();
    await copy.goto("/profile");
    await expect(copy.getByRole("heading", { name: "Profile" })).toBeVisible();
    await before.close();

    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(page).toHaveURL(/\/login\?reason=signed_out/);

    const after = await browser.newContext({ storageState: saved });
    const stolen = await after.newPage();
    await stolen.goto("/profile");
    await expect(stolen).toHaveURL(/\/login/);
    await expect(stolen.getByRole("heading", { name: "Profile" })).toHaveCount(0);
    await after.close();
  });
});

test.describe("sign-in throttling over HTTP", () => {
  test("the REST sign-in answers 429 with Retry-After once an account is throttled", async ({ playwright, baseURL }) => {
    // An address of its own, so these tries do not count against the other tests' sign-ins.
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.77" } });
    const attempt = async (password: string) => {
      const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
      return api.post("/api/auth/callback/credentials", {
        form: { email: "rest-throttle@attune.test", password, csrfToken, callbackUrl: "/" },
        maxRedirects: 0,
      });
    };
    for (let i = 0; i < 5; i++) {
      const response = await attempt(`wrong password ${i}`);
      expect(response.status(), `attempt ${i + 1}`).toBe(302);
      expect(response.headers().location).toContain("error=CredentialsSignin");
    }
    const throttled = await attempt("wrong password again");
    expect(throttled.status()).toBe(429);
    const retryAfter = Number(throttled.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await throttled.json()).toMatchObject({ error: "too_many_attempts", retryAfterSeconds: retryAfter });
    await api.dispose();
  });
});
