import type { Page } from "@playwright/test";
import { expect, LoginPage, signedInAs, storageStateFor, test, users } from "./fixtures";

// One story across the file: a counselor writes and signs a family note, their supervisor
// co-signs it, and a counselor without the client cannot open it.
test.describe.configure({ mode: "serial" });

const RECORD = "RRC-1006";
const shared = { clientId: "", noteId: "" };

async function openClient(page: Page): Promise<string> {
  await page.goto(`/clients?q=${RECORD}`);
  await page.getByRole("link", { name: /Farah/ }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  return page.url().split("/clients/")[1]!;
}

async function startNote(page: Page, clientId: string, kind: "Individual" | "Family support") {
  await page.goto(`/clients/${clientId}/notes`);
  await page.getByRole("link", { name: "Write a note" }).click();
  await page.getByRole("radio", { name: new RegExp(`^${kind}`) }).check();
  await page.getByRole("button", { name: "Start writing" }).click();
  await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}\/edit$/);
}

const saveStatus = (page: Page) => page.getByRole("status").filter({ hasText: /^(Saved|Saving|Not saved|Draft)/ });

test.describe("a counselor's session note", () => {
  signedInAs("counselor");

  test("write a family-support note with attendees and topics, sign it, then add an addendum", async ({ page }) => {
    shared.clientId = await openClient(page);
    await page.goto(`/clients/${shared.clientId}/support`);
    await page.getByRole("button", { name: "Add a family member or supporter" }).click();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Rosa Ellison");
    await page.getByLabel("Relationship").selectOption("parent");
    await page.getByRole("button", { name: "Add to support network" }).click();
    await expect(page.getByText("Rosa Ellison was added to the support network.")).toBeVisible();

    await startNote(page, shared.clientId, "Family support");
    shared.noteId = page.url().split("/notes/")[1]!.replace("/edit", "");
    // A retry adds Rosa a second time (the first try's note stays a draft): either box will do.
    await page.getByRole("checkbox", { name: /Rosa Ellison/ }).first().check();
    await page.getByLabel("How Rosa engaged").selectOption("engaged");
    await page.getByRole("checkbox", { name: "Boundaries" }).check();
    await page.getByRole("checkbox", { name: "Detachment with love" }).check();
    await page.getByLabel("Duration (minutes)").fill("60");
    await page.getByLabel("Data", { exact: true }).fill("Rosa described covering the rent again after the lapse.");
    await page.getByLabel("Assessment", { exact: true }).fill("Enabling persists; Rosa open to stepping back.");
    await expect(saveStatus(page)).toHaveText(/^Saved \d/);

    // The draft lives on the server: a reload brings it all back.
    await page.reload();
    await expect(page.getByLabel("Data", { exact: true })).toHaveValue("Rosa described covering the rent again after the lapse.");
    await expect(page.getByLabel("How Rosa engaged")).toHaveValue("engaged");
    await expect(page.getByRole("checkbox", { name: "Detachment with love" })).toBeChecked();

    // Signing asks for what a signed note must have, next to the field.
    await page.getByRole("button", { name: "Sign…" }).click();
    await page.getByRole("button", { name: "Sign and lock" }).click();
    // Said three times: in the error summary (a link to the field), under the field, and in the
    // list of what signing needs.
    await expect(page.getByRole("link", { name: "Write the plan before signing." })).toBeVisible();
    await expect(page.getByLabel("Plan", { exact: true })).toHaveAccessibleDescription(/Write the plan before signing\./);
    await expect(page.getByLabel("Plan", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Plan", { exact: true }).fill("Rosa practises one boundary statement before next week.");
    await page.getByRole("button", { name: "Sign…" }).click();
    await page.getByRole("button", { name: "Sign and lock" }).click();

    await expect(page).toHaveURL(new RegExp(`/notes/${shared.noteId}\\?signed=1$`));
    await expect(page.getByText("The note is signed and locked. It now waits for your supervisor's co-signature.")).toBeVisible();
    const note = page.getByRole("article");
    await expect(note.getByText("Rosa Ellison")).toBeVisible();
    await expect(note.getByText("Engaged", { exact: true })).toBeVisible();
    await expect(note.getByText("Detachment with love")).toBeVisible();
    await expect(note.getByText("Rosa practises one boundary statement before next week.")).toBeVisible();
    await expect(note.getByText(/by Jordan Ellis$/)).toBeVisible();
    await expect(note.getByText("Awaiting co-signature by the author's supervisor")).toBeVisible();
    // Signed means read-only: no edit form here, and the edit page sends back to the note.
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Continue writing" })).toHaveCount(0);
    await page.goto(`/clients/${shared.clientId}/notes/${shared.noteId}/edit`);
    await expect(page).toHaveURL(new RegExp(`/notes/${shared.noteId}$`));
    await expect(page.getByRole("textbox")).toHaveCount(0);

    await page.getByRole("button", { name: "Add an addendum…" }).click();
    await page.getByLabel("Addendum").fill("Correction: Rosa's sister also joined for the last ten minutes.");
    await page.getByRole("button", { name: "Sign and add the addendum" }).click();
    await expect(page.getByText("The addendum was signed and added below the note.")).toBeVisible();
    const addenda = page.getByRole("region", { name: "Addenda" });
    await expect(addenda.getByText("Correction: Rosa's sister also joined for the last ten minutes.")).toBeVisible();
    await expect(addenda.getByText(/Addendum 1 · signed .* by Jordan Ellis/)).toBeVisible();

    // It is listed in the client's notes, and the filters live in the URL.
    await page.goto(`/clients/${shared.clientId}/notes`);
    await page.getByLabel("Type").selectOption("family_support");
    await expect(page).toHaveURL(/type=family_support/);
    await page.getByLabel("Status").selectOption("awaiting_cosign");
    await expect(page).toHaveURL(/status=awaiting_cosign/);
    await page.reload();
    await expect(page.getByLabel("Status")).toHaveValue("awaiting_cosign");
    await expect(page.getByRole("link", { name: /\d{4}: family support note$/ })).toHaveCount(1);
  });

  test("a save from a second tab is refused without losing its text", async ({ page, browser }) => {
    await startNote(page, shared.clientId, "Individual");
    const editUrl = page.url();
    const other = await browser.newContext({ storageState: storageStateFor("counselor") });
    const second = await other.newPage();
    await second.goto(editUrl);
    await expect(second.getByLabel("Data", { exact: true })).toBeVisible();

    await page.getByLabel("Data", { exact: true }).fill("Written in the first tab.");
    await expect(saveStatus(page)).toHaveText(/^Saved \d/);

    await second.getByLabel("Data", { exact: true }).fill("Written in the second tab.");
    await expect(saveStatus(second)).toHaveText(/^Not saved: Someone else saved this note/);
    await expect(second.getByLabel("Data", { exact: true })).toHaveValue("Written in the second tab.");

    await second.getByRole("button", { name: "See the latest version" }).click();
    await expect(second.getByRole("group", { name: "Latest saved version" })).toContainText("Written in the first tab.");
    await second.getByRole("button", { name: "Keep my text and save it" }).click();
    await expect(saveStatus(second)).toHaveText(/^Saved \d/);
    await other.close();

    await page.reload();
    await expect(page.getByLabel("Data", { exact: true })).toHaveValue("Written in the second tab.");
  });
  test("leaving with unsaved text asks first", async ({ page }) => {
    await startNote(page, shared.clientId, "Individual");
    await page.getByLabel("Data", { exact: true }).click();
    await page.keyboard.type("Not saved yet");
    const dialog = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    expect((await dialog).type()).toBe("beforeunload");
    await (await dialog).dismiss();
  });
});

test.describe("the supervisor", () => {
  signedInAs("supervisor");

  test("co-signs the note from their list", async ({ page }) => {
    await page.goto("/notes/cosign");
    await expect(page.getByRole("heading", { name: "Notes to co-sign" })).toBeVisible();
    await page.locator(`a[href="/notes/${shared.noteId}"]`).click();
    await expect(page.getByRole("article").getByText("Rosa described covering the rent again after the lapse.")).toBeVisible();
    await page.getByRole("button", { name: "Co-sign this note" }).click();
    await expect(page.getByRole("article").getByText(/by Dr\. Priya Raman$/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Co-sign this note" })).toHaveCount(0);
    await page.goto("/notes/cosign");
    await expect(page.locator(`a[href="/notes/${shared.noteId}"]`)).toHaveCount(0);

    await page.goto(`/clients/${shared.clientId}/notes/${shared.noteId}`);
    await expect(page.getByText("Signed and co-signed")).toBeVisible();
  });
});

test.describe("a counselor without the client", () => {
  test("gets 404 on the note, exactly like a missing one", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(users.counselor3);
    await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();
    const base = `/clients/${shared.clientId}/notes`;
    for (const path of [`${base}/${shared.noteId}`, `${base}/${shared.noteId}/edit`, base, `/notes/${shared.noteId}`, "/notes/00000000-0000-4000-8000-000000000000"]) {
      const response = await page.goto(path);
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
    }
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await page.goto("/notes/cosign"))?.status()).toBe(404);
    await context.close();
  });
});
