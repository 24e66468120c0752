import { existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

/**
 * Emoji in the PDF are drawn as Twemoji images (CC-BY 4.0, see THIRD-PARTY-NOTICES.md) read from
 * the emoji-datasource-twitter package on this disk: nothing is fetched when a report renders.
 * The PDF layout finds emoji with emoji-regex-xs and asks `emojiSource.builder` for each one's
 * image; `emojiImage` answers the same question for the text clean-up, so an emoji either has an
 * image in both or is printed as the placeholder.
 */
const IMAGE_DIR = path.join(process.cwd(), "node_modules", "emoji-datasource-twitter", "img", "twitter", "64");

// The very regex the PDF layout uses (@react-pdf/layout depends on it), so both split text alike.
// Node loads its CommonJS build (the function itself); the server bundle its ES module (a namespace).
const regexModule = createRequire(import.meta.url)("emoji-regex-xs") as (() => RegExp) | { default: () => RegExp };
export const emojiPattern = (typeof regexModule === "function" ? regexModule : regexModule.default)();

const files = new Map<string, string | null>();
/** The image file for an emoji given as hyphenated hex code points ("1f44d-1f3fd"), if bundled. */
function imageForCodes(codes: string): string | null {
  let file = files.get(codes);
  if (file === undefined) {
    // The set names most images with their variation selectors (2764-fe0f) and some without (1f3f3-fe0f-200d-1f308 vs 1f441-200d-1f5e8).
    // Files name each code point with at least four digits (0023-fe0f-20e3 for #️⃣).
    const padded = codes.split("-").map((c) => c.padStart(4, "0")).join("-");
    const candidates = [padded, padded.replace(/-fe0f/g, "")].map((c) => path.join(IMAGE_DIR, `${c}.png`));
    file = candidates.find((f) => existsSync(f)) ?? null;
    files.set(codes, file);
  }
  return file;
}

const codesOf = (emoji: string) => Array.from(emoji, (ch) => ch.codePointAt(0)!.toString(16)).join("-");

/** The bundled image for one emoji (a whole sequence: joiners, skin tones, selectors), or null. */
export function emojiImage(emoji: string): string | null {
  return imageForCodes(codesOf(emoji));
}

/** For `Font.registerEmojiSource`: local files only. */
export const emojiSource = {
  withVariationSelectors: true,
  // An emoji without an image never reaches the layout (the clean-up prints the placeholder instead).
  builder: (codes: string) => imageForCodes(codes) ?? path.join(IMAGE_DIR, `${codes}.png`),
};
