import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Download, Page } from "@playwright/test";
import { imagesOn, linesWith, pdfPageText, pdfWords } from "../src/reports/pdf/testing/poppler";
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

  test("a client named in Hebrew with an emoji: the PDF from the running server draws the emoji as an image and the Hebrew right to left", async ({ page }) => {
    await page.goto("/clients/new");
    await page.getByLabel("Full name").fill("Zoë 🌿 שלום מרים");
    await page.getByLabel("Record number").fill(`E2E-PDF-${Date.now().toString(36)}`);
    await page.getByLabel("Recovery focus").selectOption("trauma");
    await page.getByLabel("Start date").fill("2026-09-01");
    await page.getByRole("button", { name: "Create client" }).click();
    await expect(page.getByText("The client was created.")).toBeVisible();
    await page.getByRole("navigation", { name: "Client record" }).getByRole("link", { name: "Reports" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download progress report (PDF)" }).click()]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "attune-e2e-pdf-"));
    try {
      const file = path.join(dir, "report.pdf");
      writeFileSync(file, await saved(download));
      const text = pdfPageText(file, 1);
      expect(text).not.toContain("\uFFFD");
      expect(text).not.toContain("[emoji]");
      const [line] = linesWith(pdfWords(file, 1), "Zoë");
      const from = line!.findIndex((w) => w.text === "Zoë");
      expect(line!.slice(from, from + 3).map((w) => w.text)).toEqual(["Zoë", "מרים", "שלום"]);
      expect(imagesOn(file, 1)).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
