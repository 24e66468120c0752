import { existsSync, statSync } from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { clinicalTextIn, guardBrowser, type GuardLog } from "./browser-guards";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "attune-demo";

export const users = {
  admin: "admin@attune.demo",
  supervisor: "supervisor@attune.demo",
  counselor: "counselor@attune.demo",
  counselor2: "counselor2@attune.demo",
  counselor3: "counselor3@attune.demo",
  other: "other-org@attune.demo",
} as const;
export type DemoRole = keyof typeof users;

/** Roles whose signed-in state the setup project saves; counselor3 is kept for sign-out tests. */
export const savedRoles = ["admin", "supervisor", "counselor", "counselor2", "other"] as const satisfies readonly DemoRole[];

// Per port, so two test runs on one machine never share (and overwrite) signed-in states.
export const storageStateFor = (role: DemoRole) => `e2e/.auth/${process.env.E2E_PORT ?? "3210"}/${role}.json`;

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(path = "/login") {
    await this.page.goto(path);
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
    // Wait for the sign-in request itself, so the next step never races the form's reset.
    await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
      this.page.getByRole("button", { name: "Sign in" }).click(),
    ]);
  }
}

export const test = base.extend<{ loginPage: LoginPage; browserGuards: void }>({
  loginPage: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
  // Every test, in every browser context it opens: no Content-Security-Policy violation, and no
  // clinical text in any URL it visits (see browser-guards.ts).
  browserGuards: [
    async ({ context, browser, baseURL }, use) => {
      const log: GuardLog = { violations: [], urls: [] };
      const restore = await guardBrowser(context, browser, log);
      await use();
      restore();
      expect(log.violations, "Content-Security-Policy violations").toEqual([]);
      const origin = new URL(baseURL ?? "http://localhost").origin;
      expect([...new Set(log.urls)].map((url) => clinicalTextIn(url, origin)).filter(Boolean), "clinical text in URLs").toEqual([]);
    },
    { auto: true },
  ],
});

/** How old a saved sign-in may be: sessions end after 15 minutes without activity, and the suite runs longer. */
const FRESH_FOR_MS = 10 * 60_000;

/**
 * A test file that runs signed in as one of the demo users: the setup project's saved sign-in,
 * made again (in a browser of its own, as the setup project does) once it is older than ten
 * minutes, so that a spec late in a long run is not signed out by the idle limit.
 */
export function signedInAs(role: (typeof savedRoles)[number]) {
  test.use({
    storageState: async ({ browser, baseURL }, use) => {
      const file = storageStateFor(role);
      if (!existsSync(file) || Date.now() - statSync(file).mtimeMs > FRESH_FOR_MS) {
        const context = await browser.newContext({ baseURL });
        const page = await context.newPage();
        const login = new LoginPage(page);
        await login.goto();
        await login.signIn(users[role]);
        await page.getByRole("navigation", { name: "Main" }).first().waitFor();
        await context.storageState({ path: file });
        await context.close();
      }
      await use(file);
    },
  });
}

export { expect };
