import type { Page } from "@playwright/test";
import { expect, signedInAs, test } from "./fixtures";

// Both scheduling forms share one fieldset; a refused submission must give back every choice,
// the ticked weekdays included (the check-in form once lost them).
async function chooseMondayAndThursdayThenAnEndBeforeTheStart(page: Page) {
  await page.getByLabel("How often").selectOption("weekdays");
  const weekdays = page.getByRole("group", { name: "Weekdays" });
  await weekdays.getByRole("checkbox", { name: "Mon" }).check();
  await weekdays.getByRole("checkbox", { name: "Thu" }).check();
  await page.getByLabel("First day").fill("2030-03-12");
  await page.getByLabel("Last day").fill("2030-03-11");
}

async function expectChoicesKept(page: Page) {
  await expect(page.getByText("The last day must be on or after the first day.").first()).toBeVisible();
  await expect(page.getByLabel("How often")).toHaveValue("weekdays");
  const weekdays = page.getByRole("group", { name: "Weekdays" });
  await expect(weekdays.getByRole("checkbox", { name: "Mon" })).toBeChecked();
  await expect(weekdays.getByRole("checkbox", { name: "Thu" })).toBeChecked();
  for (const day of ["Sun", "Tue", "Wed", "Fri", "Sat"]) await expect(weekdays.getByRole("checkbox", { name: day })).not.toBeChecked();
  await expect(page.getByLabel("First day")).toHaveValue("2030-03-12");
  await expect(page.getByLabel("Last day")).toHaveValue("2030-03-11");
}

test.describe("scheduling forms after a validation error", () => {
  signedInAs("counselor");

  test.beforeEach(async ({ page }) => {
    await page.goto("/clients?q=RRC-1005");
    await page.getByRole("link", { name: /Elena/ }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  });

  test("the assignment form keeps the ticked weekdays and dates", async ({ page }) => {
    await page.goto(`${new URL(page.url()).pathname}/exercises`);
    await page.getByRole("button", { name: "Assign an exercise" }).click();
    await page.getByLabel("Exercise").selectOption("daily-feelings-journal");
    await chooseMondayAndThursdayThenAnEndBeforeTheStart(page);
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await expectChoicesKept(page);
    await expect(page.getByLabel("Exercise")).toHaveValue("daily-feelings-journal");
  });

  test("the check-in schedule form keeps the ticked weekdays and dates", async ({ page }) => {
    await page.goto(`${new URL(page.url()).pathname}/checkins`);
    await page.getByRole("button", { name: "Send a check-in to the portal" }).click();
    await chooseMondayAndThursdayThenAnEndBeforeTheStart(page);
    await page.getByLabel("Open for (days)").fill("3");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expectChoicesKept(page);
    await expect(page.getByLabel("Open for (days)")).toHaveValue("3");
  });
});
