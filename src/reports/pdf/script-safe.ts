import path from "node:path";
import { createRequire } from "node:module";
import { emojiImage, emojiPattern } from "./emoji";

/**
 * Text for the PDF, made safe for its embedded font. DejaVu Sans covers Latin, Greek, Cyrillic,
 * Hebrew and Arabic, and draws a few emoticons and symbols itself (☺ ❤ ✓), but has no colour
 * emoji: a character it has no glyph for would be drawn as a broken box over the next letters.
 * An emoji (with its joiners, variation selectors and skin tones) that the bundled emoji set has
 * an image for passes unchanged: the layout draws that image in its place (./emoji.ts). Each
 * other run of characters the font cannot draw is printed as one visible placeholder,
 * EMOJI_PLACEHOLDER, so the reader knows something was there. Everything the font can draw
 * passes unchanged. Words in right-to-left scripts are put in visual order by the layout itself
 * (@react-pdf/textkit applies the Unicode bidirectional algorithm to each line, with bidi-js).
 */
export const EMOJI_PLACEHOLDER = "[emoji]";
const FONT_FILE = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSansCondensed.ttf");
// Joiners and variation selectors are never drawn. The bidi marks are kept (layout reads them,
// nothing is drawn); the isolates (U+2066–2069) are not understood by the PDF layout, which draws
// them as stray letters, so they go.
const INVISIBLE = new Set([0x200d, 0xfe0e, 0xfe0f, 0x2066, 0x2067, 0x2068, 0x2069]);
const KEEP = new Set([0x0a, 0x0d, 0x09, 0x200e, 0x200f]);
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;
const LRM = "\u200e";

/**
 * A name, isolated for direction the way the PDF layout allows: a left-to-right mark on each
 * side (drawn as nothing) keeps a Hebrew or Arabic name from pulling the text beside it (a
 * bracket, a record number) to its own side. Names in Latin, Greek or Cyrillic are unchanged.
 */
export function pdfName(name: string): string {
  const text = pdfText(name);
  return RTL.test(text) ? `${LRM}${text}${LRM}` : text;
}

let font: { hasGlyphForCodePoint(cp: number): boolean } | null = null;
const known = new Map<number, boolean>();
function drawable(cp: number): boolean {
  if (KEEP.has(cp)) return true;
  if (INVISIBLE.has(cp)) return false;
  let ok = known.get(cp);
  if (ok === undefined) {
    // fontkit comes with @react-pdf/renderer, which uses it to embed the same file.
    const fontkit = createRequire(import.meta.url)("fontkit") as { openSync(file: string): { hasGlyphForCodePoint(cp: number): boolean } };
    font ??= fontkit.openSync(FONT_FILE);
    ok = font.hasGlyphForCodePoint(cp);
    known.set(cp, ok);
  }
  return ok;
}

/** Characters outside an emoji with an image: drawn by the font, or the placeholder. */
function fontSafe(text: string): string {
  let out = "";
  let changed = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (drawable(cp)) {
      out += ch;
      continue;
    }
    changed = true;
    // \u0000: a character that needs the placeholder; \u0001: one never drawn at all (a joiner,
    // a variation selector, a bidi isolate, a control character).
    out += INVISIBLE.has(cp) || cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? "\u0001" : "\u0000";
  }
  return changed ? out : text;
}

export function pdfText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(emojiPattern)) {
    if (!emojiImage(match[0])) continue;
    out += fontSafe(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  out += fontSafe(text.slice(last));
  if (!/[\u0000\u0001]/.test(out)) return out;
  return out.replace(/\u0000[\u0000\u0001]*/g, EMOJI_PLACEHOLDER).replace(/\u0001/g, "");
}

const NAME_KEY = /^(name|preferredName|[a-z]+Name)$/;

/**
 * The report's data with every string passed through `pdfText`, and every person's name (a
 * `name`, `preferredName` or `…Name` field) through `pdfName`. Numbers, dates and booleans pass untouched.
 */
export function pdfSafe<T>(value: T, key = ""): T {
  if (typeof value === "string") return (NAME_KEY.test(key) ? pdfName(value) : pdfText(value)) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => pdfSafe(v, key)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pdfSafe(v, k)])) as T;
  }
  return value;
}
