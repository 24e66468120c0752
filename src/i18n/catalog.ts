import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The shipped languages are the files in messages/: adding `messages/xx.json` (with every key of
 * en.json, and its `language` block) adds language xx to the client and contact forms and to the
 * portal. Content (exercises, check-ins) falls back to English wording where it has no
 * translation. Read once per process.
 */
export type Messages = { language: { name: string; direction: "ltr" | "rtl"; review: string } } & Record<string, unknown>;
export interface Language {
  code: string;
  name: string;
  direction: "ltr" | "rtl";
  /** Who has reviewed the wording ("Reviewed", or why not yet). */
  review: string;
}

export const DEFAULT_LANGUAGE = "en";
export const MESSAGES_DIR = path.join(process.cwd(), "messages");
const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

let catalog: Map<string, Messages> | null = null;

function load(): Map<string, Messages> {
  if (catalog) return catalog;
  const next = new Map<string, Messages>();
  for (const file of readdirSync(MESSAGES_DIR).sort()) {
    const code = file.replace(/\.json$/, "");
    if (!file.endsWith(".json") || !TAG.test(code)) continue;
    next.set(code, JSON.parse(readFileSync(path.join(MESSAGES_DIR, file), "utf8")) as Messages);
  }
  catalog = next;
  return next;
}

/** Every shipped language, English first, then by code. */
export function shippedLanguages(): Language[] {
  return [...load().entries()]
    .map(([code, m]) => ({ code, name: m.language.name, direction: m.language.direction, review: m.language.review }))
    .sort((a, b) => (a.code === DEFAULT_LANGUAGE ? -1 : b.code === DEFAULT_LANGUAGE ? 1 : a.code.localeCompare(b.code)));
}

export function isShippedLanguage(code: string): boolean {
  return load().has(code);
}

/** The shipped language for a preferred one: itself, else its base ("es-MX" → "es"), else English. */
export function resolveLanguage(tag: string | null | undefined): string {
  if (!tag) return DEFAULT_LANGUAGE;
  const languages = load();
  if (languages.has(tag)) return tag;
  const base = tag.split("-")[0]!.toLowerCase();
  return languages.has(base) ? base : DEFAULT_LANGUAGE;
}

export function messagesFor(code: string): Messages {
  const languages = load();
  return languages.get(code) ?? languages.get(DEFAULT_LANGUAGE)!;
}

export function directionOf(code: string): "ltr" | "rtl" {
  return messagesFor(resolveLanguage(code)).language.direction;
}
