import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, storageStateFor, test, users } from "./fixtures";

/**
 * The counselor's whole day by keyboard alone: sign in, find a client, assign an exercise, take a
 * check-in, write and sign a note, export the report. No mouse event at all: every step is a key
 * press (Tab until the wanted control has focus, then Enter, Space, arrows or typing), and the
 * page is checked to have seen no pointer event.
 */

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement).catch(() => false);

async function tabTo(page: Page, target: Locator, max = 120) {
  await expect(target).toBeAttached();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function press(page: Page, target: Locator, key = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

/** A closed <select> changes with the arrow keys; step until the wanted option is chosen. */
async function choose(page: Page, select: Locator, label: string) {
  await tabTo(page, select);
  for (let i = 0; i < 60; i++) {
    if ((await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? "")).startsWith(label)) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`No option "${label}"`);
}

async function countPointerEvents(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { pointerEvents: number };
    w.pointerEvents = 0;
    for (const type of ["pointerdown", "mousedown", "click"]) {
      window.addEventListener(
        type,
        (e) => {
          // A click that Enter or Space makes on a focused control has no pointer (detail 0).
          if (e instanceof MouseEvent && (e.type !== "click" || e.detail > 0)) w.pointerEvents++;
        },
        true,
      );
    }
  });
}
const pointerEventsSeen = (page: Page) => page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents);

test("a counselor's whole journey by keyboard alone", async ({ page }) => {
  test.setTimeout(180_000);
  await countPointerEvents(page);
  let pointer = 0;
  const settle = async () => {
    pointer += await pointerEventsSeen(page);
  };

  // Sign in.
  await page.goto("/login");
  await typeInto(page, page.getByLabel("Email"), users.counselor);
  await typeInto(page, page.getByRole("textbox", { name: "Password", exact: true }), DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();
  await settle();

  // Find a client: `/` opens the caseload's search from anywhere, then Tab to their row's link.
  await page.keyboard.press("/");
  await page.waitForURL(/\/caseload/);
  const search = page.getByRole("searchbox", { name: "Search" });
  await expect(search).toBeFocused();
  await page.keyboard.type("Dante");
  await page.waitForURL(/q=Dante/);
  const row = page.getByRole("table").getByRole("link", { name: /Dante/ });
  await expect(row).toHaveCount(1);
  await press(page, row);
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}\/trends/);
  const clientPath = new URL(page.url()).pathname.replace(/\/trends$/, "");
  await settle();
  const tab = (name: string) => page.getByRole("navigation", { name: "Client record" }).getByRole("link", { name, exact: true });

  // Assign an exercise.
  await press(page, tab("Exercises"));
  await page.waitForURL(`**${clientPath}/exercises`);
  await press(page, page.getByRole("button", { name: "Assign an exercise" }));
  await choose(page, page.getByLabel("Exercise"), "Body scan");
  await choose(page, page.getByLabel("How often"), "Every week");
  await press(page, page.getByRole("button", { name: "Assign", exact: true }));
  await expect(page.getByText("The exercise was assigned.")).toBeVisible();
  await settle();

  // Take a check-in: each question is one radio group; Tab reaches it, Space answers it.
  await press(page, tab("Check-ins"));
  await page.waitForURL(`**${clientPath}/checkins`);
  await press(page, page.getByRole("link", { name: /Start\W+Emotional numbness check-in/ }));
  const groups = page.locator("main fieldset").filter({ has: page.getByRole("radio") });
  await expect(groups.first()).toBeVisible();
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    await press(page, groups.nth(i).getByRole("radio").first(), "Space");
    await page.keyboard.press("ArrowDown");
  }
  await expect(page.getByText(`${count} of ${count} answered`)).toBeVisible();
  await press(page, page.getByRole("button", { name: "Save and score" }));
  await expect(page.getByText("Saved and scored.")).toBeVisible();
  await settle();

  // Write and sign a note.
  await press(page, tab("Notes"));
  await page.waitForURL(`**${clientPath}/notes`);
  await press(page, page.getByRole("link", { name: "Write a note" }));
  await press(page, page.getByRole("radio", { name: /^Individual/ }), "Space");
  await press(page, page.getByRole("button", { name: "Start writing" }));
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}\/edit$/);
  await typeInto(page, page.getByLabel("Duration (minutes)"), "50");
  await typeInto(page, page.getByLabel("Data", { exact: true }), "Dante described a calmer week and one difficult evening.");
  await typeInto(page, page.getByLabel("Assessment", { exact: true }), "Steadier; naming feelings earlier.");
  await expect(page.getByText("Write the plan before signing.")).toBeVisible();
  await typeInto(page, page.getByLabel("Plan", { exact: true }), "Body scan weekly; review next session.");
  await expect(page.getByText("Everything signing needs is in place.")).toBeVisible();
  await press(page, page.getByRole("button", { name: "Sign…" }));
  await press(page, page.getByRole("button", { name: "Sign and lock" }));
  await expect(page.getByRole("button", { name: "Add an addendum…" })).toBeVisible({ timeout: 15_000 });
  await settle();

  // Export the report.
  await press(page, tab("Reports"));
  await page.waitForURL(`**${clientPath}/reports`);
  await tabTo(page, page.getByRole("button", { name: "Download progress report (PDF)" }));
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  await settle();

  expect(pointer, "pointer events during the journey").toBe(0);
});

test.describe("keyboard shortcuts", () => {
  test.use({ storageState: storageStateFor("counselor") });

  test("/ focuses the search, g c opens the caseload, ? lists them; none fires while typing or with a modifier", async ({ page }) => {
    await page.goto("/clients");
    const search = page.getByRole("searchbox", { name: "Search" });
    await page.keyboard.press("/");
    await expect(search).toBeFocused();
    // Typed into a field, the keys are text.
    await page.keyboard.type("g c/");
    await expect(search).toHaveValue("g c/");
    await expect(page).toHaveURL(/\/clients/);
    await search.fill("");
    await page.goto("/profile");
    const name = page.getByLabel("Your name");
    await name.focus();
    await page.keyboard.press("End");
    await page.keyboard.type("?");
    await expect(name).toHaveValue(/\?$/);
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.goto("/clients");
    await expect(search).toBeVisible();

    await page.keyboard.press("Control+/");
    await expect(search).not.toBeFocused();

    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText("Go to the caseload")).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await page.keyboard.press("g");
    await page.keyboard.press("c");
    await page.waitForURL(/\/caseload/);
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search" })).toBeFocused();
  });
});
