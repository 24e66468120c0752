import { expect, signedInAs, storageStateFor, test } from "./fixtures";

test.describe("client roster and records", () => {
  signedInAs("counselor");

  test("create a client, then fix a validation error while editing", async ({ page }) => {
    await page.goto("/clients/new");
    await page.getByLabel("Full name").fill("Morgan Testcase");
    await page.getByLabel("Preferred name").fill("Mo");
    await page.getByLabel("Record number").fill("E2E-0001");
    await page.getByLabel("Recovery focus").selectOption("trauma");
    await page.getByLabel("Start date").fill("2026-09-01");
    await page.getByRole("button", { name: "Create client" }).click();
    await expect(page.getByRole("heading", { name: "Mo (Morgan Testcase)" })).toBeVisible();
    await expect(page.getByText("The client was created.")).toBeVisible();

    await page.getByRole("link", { name: "Edit details" }).click();
    await page.getByLabel("Record number").fill("RRC-1001");
    await page.getByLabel("Pronouns").fill("they/them");
    await page.getByRole("button", { name: "Save changes" }).click();
    const recordField = page.getByLabel("Record number");
    await expect(page.getByText("Another client in your organisation already has this record number.").first()).toBeVisible();
    await expect(recordField).toHaveAttribute("aria-invalid", "true");
    // What was typed is still there.
    await expect(page.getByLabel("Pronouns")).toHaveValue("they/them");
    await recordField.fill("E2E-0002");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Your changes were saved.")).toBeVisible();
    await expect(page.getByText("E2E-0002").first()).toBeVisible();
    await expect(page.getByText("they/them").first()).toBeVisible();
  });

  test("filter and sort live in the URL and survive a reload", async ({ page }) => {
    await page.goto("/clients");
    await page.getByLabel("Status").selectOption("active");
    await expect(page).toHaveURL(/status=active/);
    await page.getByRole("button", { name: /Start/ }).click();
    await expect(page).toHaveURL(/sort=startDate/);
    await page.getByRole("button", { name: /Start/ }).click();
    await expect(page).toHaveURL(/sort=-startDate/);
    await page.reload();
    await expect(page.getByLabel("Status")).toHaveValue("active");
    await expect(page.getByRole("columnheader", { name: /Start/ })).toHaveAttribute("aria-sort", "descending");
    const statuses = await page.getByRole("row").locator("td:nth-child(3)").allInnerTexts();
    expect(statuses.length).toBeGreaterThan(3);
    expect(new Set(statuses)).toEqual(new Set(["Active"]));
    const starts = await page.getByRole("row").locator("td:nth-child(7)").allInnerTexts();
    const times = starts.map((s) => Date.parse(s));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    await page.getByLabel("Search").fill("RRC-1003");
    await expect(page).toHaveURL(/q=RRC-1003/);
    await expect(page.getByRole("row")).toHaveCount(2);
  });

  test("discharge and re-admit a client", async ({ page }) => {
    await page.goto("/clients?q=RRC-1002");
    await page.getByRole("link", { name: /Blake/ }).click();
    await page.getByRole("button", { name: "Discharge…" }).click();
    await page.getByRole("button", { name: "Discharge", exact: true }).click();
    await expect(page.getByText("Say why the client is discharged.").first()).toBeVisible();
    await page.getByLabel("Reason").fill("Moved out of state; referred to a local programme.");
    await page.getByRole("button", { name: "Discharge", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Re-admit this client" })).toBeVisible();
    await expect(page.getByText("Moved out of state; referred to a local programme.")).toBeVisible();
    await expect(page.getByText("Discharged", { exact: true }).first()).toBeVisible();

    await page.getByRole("button", { name: "Re-admit" }).click();
    await expect(page.getByRole("button", { name: "Discharge…" })).toBeVisible();
    await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  });

  test("add a family member with consent, then revoke it", async ({ page }) => {
    await page.goto("/clients?q=RRC-1004");
    await page.getByRole("link", { name: /Dante/ }).click();
    await page.getByRole("link", { name: "Support network" }).click();
    await page.getByRole("button", { name: "Add a family member or supporter" }).click();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Rosa Vasquez");
    await page.getByLabel("Relationship").selectOption("parent");
    await page.getByLabel("Email", { exact: true }).fill("not-an-email");
    await page.getByRole("button", { name: "Add to support network" }).click();
    await expect(page.getByText("Enter a valid email address.").first()).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Rosa Vasquez");
    await page.getByLabel("Email", { exact: true }).fill("rosa@example.org");
    await page.getByLabel("What may be shared with this person").selectOption("progress_summaries");
    await page.getByRole("button", { name: "Add to support network" }).click();
    await expect(page.getByText("Rosa Vasquez was added to the support network.")).toBeVisible();
    const card = page.getByRole("region", { name: "Rosa Vasquez" });
    await expect(card.getByText("Progress summaries").first()).toBeVisible();

    await card.getByRole("button", { name: "Revoke…" }).click();
    await card.getByLabel("Why is it revoked?").fill("Client withdrew consent in session.");
    await card.getByRole("button", { name: "Revoke consent" }).click();
    await expect(card.getByText("Client withdrew consent in session.")).toBeVisible();
    await expect(card.getByText("Nothing may be shared")).toBeVisible();
  });
});

test.describe("another counselor", () => {
  signedInAs("counselor2");

  test("gets 404 on a client that is not on their caseload", async ({ page, browser }) => {
    const owner = await browser.newContext({ storageState: storageStateFor("counselor") });
    const ownerPage = await owner.newPage();
    await ownerPage.goto("/clients?q=RRC-1001");
    const href = await ownerPage.getByRole("link", { name: /Avery/ }).getAttribute("href");
    await owner.close();
    expect(href).toMatch(/^\/clients\/[0-9a-f-]{36}$/);

    const response = await page.goto(href!);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await page.goto(`${href}/support`))?.status()).toBe(404);
    expect((await page.goto(`${href}/edit`))?.status()).toBe(404);
    // A made-up id looks exactly the same.
    expect((await page.goto("/clients/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  });
});
