import type { Browser, Page } from "@playwright/test";
import { expect, LoginPage, signedInAs, test } from "./fixtures";

// Fresh people only: the demo accounts' saved sessions are used by the other spec files.
const stamp = Date.now().toString(36);
const invitee = { name: `Robin Vale ${stamp}`, email: `robin-${stamp}@attune.demo`, password: "a calm walk along the harbour" };

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test.describe("organisation administration", () => {
  signedInAs("admin");

  test("invite a user by link, who sets a password once and signs in; deactivation ends their session; the audit log shows it", async ({ page, browser }) => {
    test.setTimeout(120_000);
    let link = "";

    await test.step("the admin invites a user and copies the one-time link", async () => {
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await page.goto("/admin/users");
      await page.getByRole("link", { name: "Invite user" }).click();
      await expect(page.getByRole("heading", { name: "Invite a user" })).toBeVisible();
      await page.getByLabel("Name").fill(invitee.name);
      await page.getByLabel("Email").fill(invitee.email);
      await page.getByLabel("Role").selectOption("counselor");
      await page.getByLabel("Supervisor").selectOption({ label: "Dr. Priya Raman" });
      await page.getByRole("button", { name: "Create invitation link" }).click();
      await expect(page.getByText(`${invitee.name} is invited.`)).toBeVisible();
      const field = page.getByLabel("Invitation link");
      await expect(field).toHaveValue(/^http:\/\/[^/]+\/invite\/[A-Za-z0-9_-]{43}$/);
      await page.getByRole("button", { name: "Copy link" }).click();
      await expect(page.getByText("Copied.")).toBeVisible();
      link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toBe(await field.inputValue());

      await page.goto("/admin/users");
      const row = page.getByRole("row").filter({ hasText: invitee.email });
      await expect(row).toContainText("Invited");
      await expect(row).toContainText("Dr. Priya Raman");
    });

    const person = await freshPage(browser);
    await test.step("the invited person opens the link in another browser, sets a password and signs in", async () => {
      await person.goto(link);
      await expect(person.getByRole("heading", { name: "Set your password" })).toBeVisible();
      await expect(person.getByText(invitee.email)).toBeVisible();
      await person.getByRole("textbox", { name: "New password", exact: true }).fill("short");
      await person.getByLabel("New password again").fill("short");
      await person.getByRole("button", { name: "Set password" }).click();
      await expect(person.getByText("Use at least 12 characters.").first()).toBeVisible();
      await person.getByRole("textbox", { name: "New password", exact: true }).fill(invitee.password);
      await person.getByLabel("New password again").fill(invitee.password);
      await person.getByRole("button", { name: "Set password" }).click();
      await expect(person).toHaveURL(/\/login\?reason=invite_accepted/);
      await expect(person.getByText("Your account is ready.")).toBeVisible();
      await new LoginPage(person).signIn(invitee.email, invitee.password);
      await expect(person).toHaveURL(/\/caseload$/);
      await expect(person.getByText(invitee.name).first()).toBeVisible();
    });

    await test.step("the invitation link works only once", async () => {
      const other = await freshPage(browser);
      const response = await other.goto(link);
      expect(response?.status()).toBe(404);
      await expect(other.getByRole("heading", { name: "This link is not valid any more" })).toBeVisible();
      await expect(other.getByRole("textbox", { name: "New password", exact: true })).toHaveCount(0);
      await other.context().close();
    });

    await test.step("the admin deactivates the user, whose open session stops at the next page", async () => {
      await page.goto("/admin/users");
      await page.getByRole("link", { name: invitee.name }).click();
      await expect(page.getByRole("heading", { name: invitee.name })).toBeVisible();
      await expect(page.getByText("Active", { exact: true })).toBeVisible();
      await page.getByRole("button", { name: "Deactivate…" }).click();
      await page.getByRole("button", { name: `Deactivate ${invitee.name}` }).click();
      await expect(page.getByText("Deactivated. Their sessions have ended.")).toBeVisible();
      await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: `Reactivate ${invitee.name}` })).toBeVisible();

      await person.goto("/clients");
      await expect(person).toHaveURL(/\/login\?reason=ended/);
      await expect(person.getByText("Your session has ended because your account changed.")).toBeVisible();
      await person.context().close();
    });

    await test.step("the audit log filters by action and shows the sign-in events", async () => {
      await page.goto("/admin/audit");
      await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
      await page.getByLabel("Action").selectOption({ label: "Signed in" });
      await expect(page).toHaveURL(/action=auth\.sign_in(&|$)/);
      const rows = page.getByRole("region", { name: "Audit events" }).locator("tbody tr");
      await expect(rows.filter({ hasText: invitee.name })).toHaveCount(1);
      const actions = await rows.locator("td:nth-child(3)").allInnerTexts();
      expect(actions.length).toBeGreaterThan(1);
      expect(new Set(actions)).toEqual(new Set(["Signed in"]));

      await page.getByLabel("Action").selectOption({ label: "User deactivated" });
      await expect(page).toHaveURL(/action=user\.deactivate/);
      await expect(rows.first()).toContainText(invitee.name);
      await expect(rows.first()).toContainText("Alex Morgan");

      const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
      expect(exportHref).toBe("/api/admin/audit?action=user.deactivate");
      const csv = await page.request.get(exportHref!);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain(",user.deactivate,");
    });

    await test.step("the user filter lists the organisation's people, fetched after the page loads, and keeps the choice on reload", async () => {
      await page.goto("/admin/audit");
      const user = page.getByLabel("User");
      // The page itself carries only "Anyone"; the list arrives from /api/admin/audit/people.
      await expect(user.locator("option", { hasText: "Alex Morgan" })).toHaveCount(1);
      await expect(user.locator("option", { hasText: `${invitee.name} (deactivated)` })).toHaveCount(1);
      await user.selectOption({ label: "Alex Morgan" });
      await expect(page).toHaveURL(/user=[0-9a-f-]{36}/);
      const rows = page.getByRole("region", { name: "Audit events" }).locator("tbody tr");
      const who = await rows.locator("td:nth-child(2)").allInnerTexts();
      expect(who.length).toBeGreaterThan(0);
      expect(new Set(who)).toEqual(new Set(["Alex Morgan"]));
      // A reload shows the choice at once, before the list is fetched again.
      await page.route("**/api/admin/audit/people", (route) => route.abort());
      await page.reload();
      await expect(page.getByLabel("User")).toHaveValue(/[0-9a-f-]{36}/);
      await expect(page.getByLabel("User").locator("option:checked")).toHaveText("Alex Morgan");
      await page.unroute("**/api/admin/audit/people");
    });
  });
});

test.describe("the supervisor's team", () => {
  signedInAs("supervisor");

  test("a supervisor sees the counselors they supervise with caseload sizes", async ({ page }) => {
    await page.goto("/team");
    await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();
    const table = page.getByRole("table", { name: "Counselors you supervise and their caseloads" });
    for (const name of ["Jordan Ellis", "Sam Okafor", "Riley Chen"]) {
      const row = table.getByRole("row").filter({ has: page.getByRole("link", { name }) });
      await expect(row).toHaveCount(1);
      await expect(row.locator("td").first()).toHaveText(/^\d+$/);
    }
    await expect(table.getByRole("row").filter({ hasText: "Team total" })).toBeVisible();
    await table.getByRole("link", { name: "Jordan Ellis" }).click();
    await expect(page).toHaveURL(/\/clients\?counselor=/);
  });
});

test.describe("administration is for administrators", () => {
  signedInAs("counselor");

  test("a counselor gets 404 on the admin pages and the export", async ({ page }) => {
    for (const path of ["/admin/users", "/admin/audit", "/admin/users/invite"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
    const csv = await page.request.get("/api/admin/audit");
    expect(csv.status()).toBe(404);
    expect((await page.request.get("/api/admin/audit/people")).status()).toBe(404);
  });
});
