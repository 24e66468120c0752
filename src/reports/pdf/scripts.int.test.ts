import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { Document, Page, Text, renderToBuffer } from "@react-pdf/renderer";
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
import { emojiImage } from "./emoji";
import { pdfName, pdfSafe, pdfText } from "./script-safe";
import { imagesOn, linesWith, pdfPageText, pdfWords } from "./testing/poppler";
import { FONT, registerFonts } from "./theme";

describe("pdfText", () => {
  it("keeps every script the font draws and every emoji the bundled set draws; prints each other run it cannot draw as one placeholder", () => {
    expect(pdfText("Zoë 🌿 שלום")).toBe("Zoë 🌿 שלום");
    expect(pdfText("Ελένη Жанна مرحبا")).toBe("Ελένη Жанна مرحبا");
    // A family (joined with zero-width joiners), a thumbs-up with a skin tone, a flag and a keycap: each one image.
    expect(pdfText("👩‍👩‍👧 Family 👍🏽 🏳️‍🌈 #️⃣")).toBe("👩‍👩‍👧 Family 👍🏽 🏳️‍🌈 #️⃣");
    // A heart typed as emoji is drawn as the emoji; typed as text, the font draws it.
    expect(pdfText("Dana❤️ ❤")).toBe("Dana❤️ ❤");
    expect(pdfText("شعرت 🫶 اليوم")).toBe("شعرت 🫶 اليوم");
    // A joined sequence the set has no image for, and a character neither draws: the placeholder.
    expect(pdfText("Dana 🌿\u200d🌿 Lee")).toBe("Dana [emoji] Lee");
    expect(pdfText("Dana 🌱\u{13000} Lee")).toBe("Dana 🌱[emoji] Lee");
    // Bidi isolates are never drawn and are not emoji: gone without a placeholder.
    expect(pdfText("\u2067مريم\u2069 2")).toBe("مريم 2");
    expect(pdfText("score − 3 ≥ 2 © ✓")).toBe("score − 3 ≥ 2 © ✓");
  });

  it("finds the bundled image for an emoji sequence, whatever its selectors", () => {
    expect(emojiImage("🌿")).toMatch(/1f33f\.png$/);
    expect(emojiImage("👍🏽")).toMatch(/1f44d-1f3fd\.png$/);
    expect(emojiImage("🏳️‍🌈")).toMatch(/1f3f3-fe0f-200d-1f308\.png$/);
    expect(emojiImage("#️⃣")).toMatch(/0023-fe0f-20e3\.png$/);
    expect(emojiImage("🌿\u200d🌿")).toBeNull();
  });

  it("isolates right-to-left names with invisible marks, and only names", () => {
    expect(pdfName("שלום \u{13000}")).toBe("\u200eשלום [emoji]\u200e");
    expect(pdfName("Zoë")).toBe("Zoë");
    expect(pdfSafe({ client: { name: "مريم", notes: "مريم" }, authorName: "דנה", score: 3 })).toEqual({ client: { name: "\u200eمريم\u200e", notes: "مريم" }, authorName: "\u200eדנה\u200e", score: 3 });
  });
});

function withPdf<T>(pdf: Buffer, read: (file: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attune-pdf-scripts-"));
  try {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf);
    if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, pdf);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("right-to-left words and emoji as drawn in the PDF", () => {
  const names = ["דנה כהן", "Zoë 🌿 שלום עולם", "Zoë שלום 12", "Client: דנה כהן (RRC-1)", "مريم 2"];
  let pdf: Buffer;
  beforeAll(async () => {
    registerFonts();
    const page = createElement(Page, { style: { fontFamily: FONT, fontSize: 20, padding: 40 } }, ...names.map((n) => createElement(Text, { key: n }, pdfName(n))));
    pdf = await renderToBuffer(createElement(Document, null, page) as Parameters<typeof renderToBuffer>[0]);
  });

  it("draws a Hebrew name's first word to the right of its second, and reads back in logical order", () =>
    withPdf(pdf, (file) => {
      const order = (word: string) => linesWith(pdfWords(file, 1), word).map((line) => line.map((w) => w.text));
      // Read right to left: דנה, then כהן.
      expect(order("דנה")).toEqual([
        ["כהן", "דנה"],
        ["Client:", "כהן", "דנה", "(RRC-1)"],
      ]);
      // The Hebrew after a Latin name keeps its own order; digits after Hebrew join its run (UAX #9, as a browser shows it).
      expect(order("עולם")).toEqual([["Zoë", "עולם", "שלום"]]);
      expect(order("12")).toEqual([["Zoë", "12", "שלום"]]);
      expect(order("مريم")).toEqual([["2", "مريم"]]);
      // pdftotext puts a visual-order line back in logical order: the name comes back as typed.
      const text = pdfPageText(file, 1);
      expect(text.split("\n")[0]).toBe("\u202bדנה כהן\u202c");
    }));

  it("draws the emoji as an image in its place, with no placeholder and no replacement character", () =>
    withPdf(pdf, (file) => {
      const [line] = linesWith(pdfWords(file, 1), "עולם");
      const zoe = line!.find((w) => w.text === "Zoë")!;
      const next = line![line!.indexOf(zoe) + 1]!;
      // Between "Zoë" and the Hebrew: two spaces and an image one font size (20 pt) wide.
      expect(next.xMin - zoe.xMax).toBeGreaterThan(20);
      expect(imagesOn(file, 1)).toBe(1);
      const text = pdfPageText(file, 1);
      expect(text).not.toContain("\uFFFD");
      expect(text).not.toContain("[emoji]");
    }));
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here" });
}, 120_000);
afterAll(async () => t?.close());

describe("a PDF for a client named in Hebrew, Arabic and an emoji", () => {
  it("draws the name's words in right-to-left order with its emoji as an image, and no replacement characters", async () => {
    const actor = (await demoActors(t.db))["counselor"]!;
    const [row] = await t.db.update(clients).set({ name: "Zoë 🌿 שלום מרים", preferredName: "مريم 2" }).where(eq(clients.recordNumber, "RRC-1001")).returning({ id: clients.id });
    const client = (await getClientForActor(t.db, actor, row!.id))!;
    const today = todayIn("America/New_York");
    const data = await progressReportData(t.db, actor, client, { from: addDays(today, -90), to: today }, { includeNotes: false });
    const pdf = await renderProgressReportPdf(data);
    withPdf(pdf, (file) => {
      const text = pdfPageText(file, 1);
      expect(text).not.toContain("\uFFFD");
      expect(text).not.toContain("[emoji]");
      expect(text.replace(/\s+/g, " ")).toContain("مريم");
      // Wherever page 1 names the client (title, running head): "Zoë", the emoji's image, then
      // the Hebrew drawn right to left (שלום, the first word, at the right).
      const lines = linesWith(pdfWords(file, 1), "Zoë");
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const from = line.findIndex((w) => w.text === "Zoë");
        expect(line.slice(from, from + 3).map((w) => w.text)).toEqual(["Zoë", "מרים", "שלום"]);
        const [zoe, hebrew] = [line[from]!, line[from + 1]!];
        // A gap wider than the line is tall: the emoji's image (one font size) and two spaces.
        expect(hebrew.xMin - zoe.xMax).toBeGreaterThan(0.8 * (zoe.yMax - zoe.yMin));
      }
      expect(imagesOn(file, 1)).toBe(lines.length);
    });
  });
});
