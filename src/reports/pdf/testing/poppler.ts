import { execFileSync } from "node:child_process";

/** What a reader of the PDF sees, through poppler-utils (pdftotext, pdfimages): for tests. */
export interface PdfWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

const RTL_LETTER = /[\u0590-\u08ff]/u;

/** The page's text as pdftotext gives it back (logical order). */
export const pdfPageText = (file: string, page: number) => execFileSync("pdftotext", ["-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });

/** Every word pdftotext finds on a page, with its box, spelled in logical order. */
export function pdfWords(file: string, page: number): PdfWord[] {
  const xml = execFileSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => {
    // -bbox writes each word's glyphs as drawn, left to right: a right-to-left word reads back reversed.
    const drawn = m[5]!;
    return { text: RTL_LETTER.test(drawn) ? [...drawn].reverse().join("") : drawn, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) };
  });
}

/** Each line holding `word`: its words as drawn, from left to right. */
export function linesWith(words: PdfWord[], word: string): PdfWord[][] {
  return words.filter((w) => w.text === word).map((at) => words.filter((w) => Math.abs(w.yMin - at.yMin) < 0.5).sort((a, b) => a.xMin - b.xMin));
}

/** How many images (not their transparency masks) a page draws. */
export const imagesOn = (file: string, page: number) =>
  execFileSync("pdfimages", ["-list", "-f", String(page), "-l", String(page), file], { encoding: "utf8" })
    .split("\n")
    .filter((row) => /^\s*\d+\s+\d+\s+image\s/.test(row)).length;
