import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getClientForActor } from "@/clients/queries";
import { clients } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { addDays } from "@/lib/local-date";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { todayIn } from "@/lib/zod-fields";
import { demoActors } from "@/notes/testing";
import { progressReportData } from "../progress-data";
import { renderProgressReportPdf } from "./render";
import { pdfName, pdfSafe, pdfText } from "./script-safe";

describe("pdfText", () => {
  it("keeps every script the font draws and prints each run of emoji it cannot draw as one placeholder", () => {
    expect(pdfText("Zoë 🌿 שלום")).toBe("Zoë [emoji] שלום");
    expect(pdfText("Ελένη Жанна مرحبا")).toBe("Ελένη Жанна مرحبا");
    // A family (joined with zero-width joiners) and a thumbs-up with a skin tone: one emoji each.
    expect(pdfText("👩‍👩‍👧 Family 👍🏽")).toBe("[emoji] Family [emoji]");
    // A heart the font draws stays (text style); its emoji selector goes, silently.
    expect(pdfText("Dana❤️")).toBe("Dana❤");
    expect(pdfText("Dana 🌱🫶 Lee")).toBe("Dana [emoji] Lee");
    expect(pdfText("شعرت 🫶 اليوم")).toBe("شعرت [emoji] اليوم");
    // Bidi isolates are never drawn and are not emoji: gone without a placeholder.
    expect(pdfText("\u2067مريم\u2069 2")).toBe("مريم 2");
    // Emoticons DejaVu draws itself (monochrome) stay: they are not broken glyphs.
    expect(pdfText("Dana 😀")).toBe("Dana 😀");
    expect(pdfText("score − 3 ≥ 2 ©")).toBe("score − 3 ≥ 2 ©");
  });

  it("isolates right-to-left names with invisible marks, and only names", () => {
    expect(pdfName("שלום 🌿")).toBe("\u200eשלום [emoji]\u200e");
    expect(pdfName("Zoë")).toBe("Zoë");
    expect(pdfSafe({ client: { name: "مريم", notes: "مريم" }, authorName: "דנה", score: 3 })).toEqual({ client: { name: "\u200eمريم\u200e", notes: "مريم" }, authorName: "\u200eדנה\u200e", score: 3 });
  });
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here" });
}, 120_000);
afterAll(async () => t?.close());

describe("a PDF for a client named in Hebrew, Arabic and an emoji", () => {
  it("gives the name's letters back in order, with no replacement characters", async () => {
    const actor = (await demoActors(t.db))["counselor"]!;
    const [row] = await t.db.update(clients).set({ name: "Zoë 🌿 שלום מרים", preferredName: "مريم 2" }).where(eq(clients.recordNumber, "RRC-1001")).returning({ id: clients.id });
    const client = (await getClientForActor(t.db, actor, row!.id))!;
    const today = todayIn("America/New_York");
    const data = await progressReportData(t.db, actor, client, { from: addDays(today, -90), to: today }, { includeNotes: false });
    const pdf = await renderProgressReportPdf(data);
    const dir = mkdtempSync(path.join(os.tmpdir(), "attune-pdf-scripts-"));
    try {
      const file = path.join(dir, "report.pdf");
      writeFileSync(file, pdf);
      if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, pdf);
      const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", file, "-"], { encoding: "utf8" });
      expect(text).not.toContain("\uFFFD");
      expect(text).not.toContain("🌿");
      expect(text).toContain("[emoji]");
      // pdftotext writes each run in logical order: the Latin, the Hebrew and the Arabic come back as typed.
      const flat = text.replace(/\s+/g, " ");
      expect(flat).toContain("Zoë");
      expect(flat).toMatch(/שלום מרים|מרים שלום/);
      expect(flat).toContain("שלום");
      expect(flat).toContain("مريم");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
