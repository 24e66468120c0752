import type { Page } from "@playwright/test";
import { expect, signedInAs, test } from "./fixtures";
import { loadWorld } from "./security-world";

/** Everything this origin keeps in the browser: both web storages, every IndexedDB store, cookies readable by script, Cache Storage. */
async function browserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [`cookie=${document.cookie}`];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) out.push(`${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
    }
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
        out.push(`${name}/${store}=${JSON.stringify(all)}`);
      }
      db.close();
    }
    if ("caches" in window) for (const key of await caches.keys()) out.push(`cache ${key}=${(await (await caches.open(key)).keys()).map((r) => r.url).join(",")}`);
    return out.join("\n");
  });
}

test.describe("what stays in the browser", () => {
  signedInAs("counselor");

  test("a note draft is saved on the server only: nothing typed is kept in the browser", async ({ page }) => {
    const own = loadWorld().targets.own;
    await page.goto(`/clients/${own.clientId}/notes/${own.draftNoteId}/edit`);
    const typed = "Storage probe: the client spoke about a quarrel with Marguerite.";
    await page.getByLabel("Data", { exact: true }).fill(typed);
    await expect(page.getByRole("status").filter({ hasText: /^Saved \d/ })).toBeVisible();
    const stored = await browserStorage(page);
    expect(stored).not.toContain("Storage probe");
    expect(stored).not.toContain("Marguerite");
  });

  test("a portal draft is kept only encrypted: nothing typed is readable in the browser", async ({ page }) => {
    const own = loadWorld().targets.own;
    await page.goto(`/p/${own.portalToken}/a/${own.assignmentId}`);
    await page.getByLabel("Anything you'd like to remember?").fill("Storage probe: my chest felt tight near Bartholomew.");
    // The draft is written shortly after typing stops.
    await expect.poll(async () => (await browserStorage(page)).includes("attune-draft:")).toBe(true);
    const stored = await browserStorage(page);
    expect(stored).not.toContain("Storage probe");
    expect(stored).not.toContain("Bartholomew");
  });
});
