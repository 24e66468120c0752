import { devices, type Browser } from "@playwright/test";
import { expect, signedInAs, test } from "./fixtures";

async function phone(browser: Browser) {
  const context = await browser.newContext({ ...devices["Pixel 7"] });
  return context.newPage();
}

test.describe("exercises and the client portal", () => {
  signedInAs("counselor");
  // Two browsers and a dozen steps: longer than the default budget.
  test.setTimeout(90_000);

  test("a counselor assigns a thought record; the client fills it on a phone, keeps a draft across a reload and saves once", async ({ page, browser }) => {
    await page.goto("/clients?q=RRC-1005");
    await page.getByRole("link", { name: /Elena/ }).click();
    await page.getByRole("link", { name: "Exercises" }).click();
    await page.getByRole("button", { name: "Assign an exercise" }).click();
    await page.getByLabel("Exercise").selectOption("thought-record");
    await page.getByLabel("How often").selectOption("weekly");
    await page.getByLabel("Instructions for the person").fill("Pick one moment from this week.");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(page.getByText("The exercise was assigned.")).toBeVisible();
    await expect(page.getByText("Thought record").first()).toBeVisible();

    await page.getByLabel("New link for").selectOption("client");
    await page.getByRole("button", { name: "Create private link" }).click();
    const link = await page.getByLabel("The new private link (shown only now)").inputValue();
    expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);

    const client = await phone(browser);
    await client.goto(link);
    await expect(client.getByRole("heading", { name: /Hello, / })).toBeVisible();
    await expect(client.getByText("Need help right now?")).toBeVisible();
    await client.getByRole("link", { name: /Start\W+Thought record/ }).click();
    await client.getByLabel("The situation").fill("My brother cancelled dinner by text.");
    await client.getByLabel("The thought that went through your mind").fill("He does not care.");
    await client.waitForTimeout(800);
    await client.reload();
    await expect(client.getByText("We kept what you had written so far.")).toBeVisible();
    await expect(client.getByLabel("The situation")).toHaveValue("My brother cancelled dinner by text.");
    // The browser's storage holds no readable text.
    const stored = await client.evaluate(() => Object.entries(localStorage).map(([k, v]) => `${k}=${v}`).join("\n"));
    expect(stored).toContain("attune-draft:");
    expect(stored).not.toContain("brother");

    await client.getByLabel("The feeling that came with it").selectOption({ label: "I can't name it yet" });
    await client.getByLabel("How strong was the feeling, from 0 to 100?").fill("80");
    await client.getByLabel("A more balanced thought").fill("He had to work late and offered another night.");
    await client.getByLabel("Now, how strong is that same feeling, from 0 to 100?").fill("40");
    const save = client.getByRole("button", { name: "Save" });
    await save.dblclick();
    await expect(client.getByText(/Saved\. Thank you|already saved/)).toBeVisible();

    await page.reload();
    const entries = page.getByRole("link", { name: "Thought record" });
    await expect(entries).toHaveCount(1);
    await entries.click();
    await expect(page.getByText("My brother cancelled dinner by text.")).toBeVisible();
    await page.getByLabel("Your comment").fill("Good catch on the thought. Let's look at it on Tuesday.");
    await page.getByRole("button", { name: "Add comment" }).click();
    await expect(page.getByText("Let's look at it on Tuesday.").first()).toBeVisible();

    await page.getByRole("link", { name: "← Exercises" }).click();
    await page.getByRole("button", { name: "Revoke" }).first().click();
    await expect(page.getByText("The link was revoked.")).toBeVisible();
    const gone = await client.goto(link);
    expect(gone?.status()).toBe(404);
    await client.context().close();
  });

  test("a family member's link shows only their own family exercise", async ({ page, browser }) => {
    await page.goto("/clients?q=RRC-1001");
    await page.getByRole("link", { name: /Avery/ }).click();
    await page.getByRole("link", { name: "Exercises" }).click();
    await page.getByLabel("New link for").selectOption({ label: "Marisol Abbott (Parent)" });
    await page.getByRole("button", { name: "Create private link" }).click();
    const link = await page.getByLabel("The new private link (shown only now)").inputValue();
    const family = await phone(browser);
    await family.goto(link);
    await expect(family.getByRole("heading", { name: "Hello, Marisol" })).toBeVisible();
    const titles = await family.getByRole("region", { name: "Your exercises" }).locator("li p.font-semibold").allInnerTexts();
    expect(titles).toEqual(["Detachment with love"]);
    await expect(family.getByText("Avery")).toHaveCount(0);
    await family.context().close();
  });
});
