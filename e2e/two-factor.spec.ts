import type { Page } from "@playwright/test";
import { base32Decode, totpAt } from "../src/auth/totp";
import { expect, test } from "./fixtures";
import { securityUsers } from "./security-users";

// These tests run in order: the first enrols the person the second signs in as.
test.describe.configure({ mode: "serial" });

let secret: Buffer;
let recoveryCodes: string[] = [];

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login\?reason=signed_out/);
}

test.describe("two-factor sign-in", () => {
  test("a counselor sets it up from their profile with a code computed from the key shown", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(securityUsers.totp.email);
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    await page.goto("/profile");
    await expect(page.getByText("Off.", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
    await expect(page).toHaveURL(/\/two-factor$/);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();

    // The QR code is drawn on the server and shown as an image the page's CSP lets load.
    const qr = page.getByRole("img", { name: /QR code for your authenticator app/ });
    await expect(qr).toBeVisible();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const key = (await page.getByTestId("totp-key").textContent())!.trim();
    expect(key).toMatch(/^([A-Z2-7]{4} ?)+$/);
    await expect(page.getByLabel("Setup link (otpauth)")).toHaveValue(/^otpauth:\/\/totp\/Attune%3Asec-totp%40attune\.test\?secret=/);
    secret = base32Decode(key);

    await page.getByLabel("Code from your app").fill("000000");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByText("That code does not match").first()).toBeVisible();

    await page.getByLabel("Code from your app").fill(totpAt(secret, Date.now()));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const list = page.getByRole("list", { name: "Recovery codes" });
    await expect(list.getByRole("listitem")).toHaveCount(10);
    recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
    await page.getByRole("link", { name: "I have saved them: continue" }).click();
    await expect(page.getByText("On.", { exact: false })).toBeVisible();
    await expect(page.getByText("10 recovery codes are left")).toBeVisible();
    await signOut(page);
  });

  test("signing in then asks for the code, and a wrong code starts over without saying which part was wrong", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(securityUsers.totp.email);
    await expect(page.getByLabel("Authentication code")).toBeVisible();
    await page.getByLabel("Authentication code").fill("123456");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That email, password and code do not match" })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(securityUsers.totp.email);

    // A wrong password gets the very same second step.
    await loginPage.signIn(securityUsers.totp.email, "not-the-right-password");
    await expect(page.getByLabel("Authentication code")).toBeVisible();
    await page.goto("/login");

    // The enrolment used this time step's code; the next step's is valid now and unused.
    await loginPage.signIn(securityUsers.totp.email);
    await page.getByLabel("Authentication code").fill(totpAt(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    await signOut(page);

    // A recovery code works once.
    await loginPage.signIn(securityUsers.totp.email);
    await page.getByLabel("Authentication code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
    await page.goto("/profile");
    await expect(page.getByText("9 recovery codes are left")).toBeVisible();
  });

  test("an organisation that requires it sends a counselor without it to set-up before anything else", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(securityUsers.admin.email);
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "Require two-factor sign-in for counselors and supervisors" }).click();
    await expect(page.getByText("Counselors and supervisors now need two-factor sign-in")).toBeVisible();
    await signOut(page);

    await loginPage.signIn(securityUsers.required.email);
    await expect(page).toHaveURL(/\/two-factor$/);
    await expect(page.getByText("Your organisation requires two-factor sign-in")).toBeVisible();
    await page.goto("/clients");
    await expect(page).toHaveURL(/\/two-factor$/);
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/two-factor$/);

    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const key = base32Decode((await page.getByTestId("totp-key").textContent())!.trim());
    await page.getByLabel("Code from your app").fill(totpAt(key, Date.now()));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByRole("link", { name: "I have saved them: continue" }).click();
    await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
  });
});
