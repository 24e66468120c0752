// use-intl/core (next-intl's own core, no React): this runs outside Next too, in the worker and scripts,
// where next-intl's entry point pulls in React hooks that the react-server condition lacks.
import { createTranslator } from "use-intl/core";
import { messagesFor, resolveLanguage } from "./catalog";

/**
 * A translation function usable anywhere on the server, outside a request too (messages,
 * background jobs): `const t = translator("es", "portal"); t("minutes", { minutes: 5 })`.
 * The language is resolved like the portal's (unknown → base → English); keys are the ones in
 * messages/en.json, with ICU plurals and formats.
 */
export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export function translator(language: string | null | undefined, namespace?: string): Translate {
  const locale = resolveLanguage(language);
  // One per language and namespace for the process: its cache keeps each message's parsed form
  // (a new translator per call parsed every message again: a reminder scan renders thousands).
  const id = `${locale}|${namespace ?? ""}`;
  let t = translators.get(id);
  if (!t) {
    t = createTranslator({ locale, messages: messagesFor(locale), namespace: namespace as never }) as unknown as Translate;
    translators.set(id, t);
  }
  return t;
}

const translators = new Map<string, Translate>();

/** Dates and numbers in a language's own format, for places with no React tree (messages). */
export function formatterFor(language: string | null | undefined, timeZone?: string) {
  const locale = resolveLanguage(language);
  return {
    locale,
    date: (date: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) =>
      new Intl.DateTimeFormat(locale, { ...options, timeZone: options.timeZone ?? timeZone }).format(typeof date === "string" ? new Date(date) : date),
    number: (n: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options).format(n),
  };
}
