import path from "node:path";
import { Font, StyleSheet } from "@react-pdf/renderer";
import { emojiSource } from "./emoji";

// DejaVu (from the dejavu-fonts-ttf package) covers the characters reports need that the PDF
// base fonts lack: − ≥ √ ↑ ↓, and names in most scripts. Registered once per process.
const fontDir = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
export const FONT = "DejaVu Sans Condensed";
// Kept on globalThis: the server start (instrumentation.ts) and the report's route are separate
// bundles sharing one @react-pdf instance, and registering again would add unloaded sources.
const state = globalThis as typeof globalThis & { __attunePdfFontsRegistered?: boolean };
export function registerFonts(): void {
  if (state.__attunePdfFontsRegistered) return;
  Font.register({
    family: FONT,
    fonts: [
      { src: path.join(fontDir, "DejaVuSansCondensed.ttf") },
      { src: path.join(fontDir, "DejaVuSansCondensed-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // Words are never split with hyphens: names and scores must read exactly as stored.
  Font.registerHyphenationCallback((word) => [word]);
  Font.registerEmojiSource(emojiSource);
  state.__attunePdfFontsRegistered = true;
}

// The app's own palette (app/globals.css), so the document looks like the screen.
export const colours = {
  ink: "#1f2a37",
  muted: "#5b6675",
  line: "#dfe3e8",
  canvas: "#f6f7f9",
  brand: "#2f6f68",
  brandDark: "#1d4743",
  brandLight: "#eef5f4",
  danger: "#a23b2c",
  ok: "#2e6b3a",
  warn: "#8a5a00",
} as const;

export const styles = StyleSheet.create({
  page: { fontFamily: FONT, fontSize: 9, color: colours.ink, paddingTop: 48, paddingBottom: 78, paddingHorizontal: 44 },
  runningHead: { position: "absolute", top: 20, left: 44, right: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: colours.muted },
  footer: { position: "absolute", bottom: 22, left: 44, right: 44, borderTopWidth: 0.5, borderTopColor: colours.line, paddingTop: 5, flexDirection: "row" },
  notice: { flex: 1, fontSize: 6.8, color: colours.ink, lineHeight: 1.3 },
  pageNumber: { width: 64, marginLeft: 12, fontSize: 7.5, textAlign: "right", color: colours.muted },
  title: { fontSize: 17, fontWeight: "bold", color: colours.brandDark, lineHeight: 1.25, marginTop: 2 },
  subtitle: { fontSize: 10, color: colours.muted, marginTop: 2 },
  h2: { fontSize: 11.5, fontWeight: "bold", color: colours.brandDark, marginTop: 14, marginBottom: 5, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: colours.brand },
  h3: { fontSize: 9.5, fontWeight: "bold", marginBottom: 2 },
  // Line height goes on text styles, never on the page: on the page it hides the fixed footer.
  small: { fontSize: 7.5, color: colours.muted, lineHeight: 1.35 },
  para: { fontSize: 9, marginBottom: 4, lineHeight: 1.35 },
  table: { borderWidth: 0.5, borderColor: colours.line, borderRadius: 2 },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: colours.line },
  th: { backgroundColor: colours.canvas, fontWeight: "bold", fontSize: 8 },
  cell: { paddingVertical: 3, paddingHorizontal: 4 },
});
