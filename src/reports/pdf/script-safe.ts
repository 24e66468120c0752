import path from "node:path";
import { createRequire } from "node:module";

/**
 * Text for the PDF, made safe for its embedded font. DejaVu Sans covers Latin, Greek, Cyrillic,
 * Hebrew and Arabic, but no emoji: a character it has no glyph for would be drawn as a broken
 * box over the next letters. Such characters (emoji with their joiners, variation selectors and
 * skin tones) are dropped, and the spaces around a dropped one fold into one, so
 * "Zoë 🌿 שלום" prints as "Zoë שלום". Everything the font can draw passes unchanged.
 */
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

export function pdfText(text: string): string {
  let out = "";
  let dropped = false;
  for (const ch of text) {
    if (drawable(ch.codePointAt(0)!)) {
      out += ch;
      continue;
    }
    dropped = true;
    out += "\u0000";
  }
  if (!dropped) return out;
  return out
    .replace(/ *\u0000+ */g, (m) => (m.includes(" ") ? " " : ""))
    .trim();
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
