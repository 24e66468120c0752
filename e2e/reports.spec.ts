import { readFileSync } from "node:fs";
import type { Download, Page } from "@playwright/test";
import { expect, signedInAs, test } from "./fixtures";

async function saved(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

async function openReports(page: Page) {
  await page.goto("/clients?q=RRC-1001");
  await page.getByRole("row", { name: /RRC-1001/ }).getByRole("link").first().click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  await page.getByRole("navigation", { name: "Client record" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Download" })).toBeVisible();
}

test.describe("reports", () => {
  signedInAs("counselor");
  test.setTimeout(60_000);

  test("a counselor downloads the progress report as PDF, the CSVs and the FHIR Bundle, and shares the summary", async ({ page }) => {
    await openReports(page);

    await page.getByLabel("Include the text of signed session notes and their addenda").check();
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download progress report (PDF)" }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^progress-report_RRC-1001_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
    expect((await saved(pdf)).subarray(0, 5).toString()).toBe("%PDF-");

    const [checkins] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Check-ins (CSV)" }).click()]);
    const checkinCsv = (await saved(checkins)).toString("utf8");
    expect(checkinCsv).toContain("administration_id,administered_at_utc");
    expect(checkinCsv.split("\r\n").length).toBeGreaterThan(5);

    const [entries] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exercise entries (CSV)" }).click()]);
    expect((await saved(entries)).toString("utf8")).toContain("entry_id,submitted_at_utc");

    const [fhir] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /FHIR R4/ }).click()]);
    const bundle = JSON.parse((await saved(fhir)).toString("utf8")) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.entry.some((e) => e.resource.resourceType === "QuestionnaireResponse")).toBe(true);

    await page.getByRole("button", { name: "Show in the client's portal" }).click();
    await expect(page.getByText("The summary now shows in the client's portal.")).toBeVisible();
    await page.getByRole("link", { name: "Open the printable summary" }).click();
    await expect(page.getByRole("heading", { name: /Your progress, / })).toBeVisible();
    await expect(page.getByText(/not validated tests/)).toBeVisible();
  });
});

test.describe("team caseload export", () => {
  signedInAs("supervisor");

  test("a supervisor exports the team caseload and sees its progress", async ({ page }) => {
    await page.goto("/team");
    await page.getByRole("button", { name: "Export caseload (CSV)" }).click();
    await expect(page.getByText(/^\d+ clients ready\./)).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Save team-caseload_/ }).click()]);
    const csv = (await saved(download)).toString("utf8");
    expect(csv).toContain("client_id,record_number,name,status");
    expect(csv).toContain("RRC-1001");
  });
});
