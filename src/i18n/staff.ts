import type { ReactNode } from "react";
import { createTranslator } from "use-intl/core";
import staffEnglish from "../../messages/staff/en.json";

/**
 * The words of the staff screens (counselors, supervisors, administrators): every one lives in
 * messages/staff/en.json, one namespace per screen or area, written in ICU like the portal's
 * messages (plurals, `{name}` values) and formatted by next-intl's own core. The staff screens are
 * English for now; a staff language follows by adding messages/staff/<code>.json and choosing it
 * here from the signed-in person's preference, with no change to the screens.
 *
 * One function for server and client components alike (it has no hooks and reads no request):
 * `const t = staffText("roster"); t("title")`, `t("clients", { count: 3 })`. Keys are typed from
 * the English file, so a key used but not written fails the type check.
 */
type StaffMessages = typeof staffEnglish;
export type StaffNamespace = keyof StaffMessages;
export type StaffKey<N extends StaffNamespace> = Extract<keyof StaffMessages[N], string>;
export type StaffValues = Record<string, string | number | Date>;
export type StaffRichValues = Record<string, string | number | Date | ReactNode | ((chunks: ReactNode) => ReactNode)>;
export type StaffTranslate<N extends StaffNamespace> = ((key: StaffKey<N>, values?: StaffValues) => string) & {
  /** A message with tags (`Read <link>the guide</link>`), each tag given as a function of its words. */
  rich: (key: StaffKey<N>, values: StaffRichValues) => ReactNode;
};
type Untyped = ((key: string, values?: StaffValues) => string) & { rich: (key: string, values: StaffRichValues) => ReactNode };

export const STAFF_LANGUAGE = "en";

const translators = new Map<string, Untyped>();

/**
 * Most staff messages are plain words or words with `{name}` values, and pages format them per
 * table row: those are formatted here directly (a string, or the pieces between the values),
 * as ICU would, without ICU's per-call cost (about 6 µs a call against 0.1). Anything else (a
 * plural, a select, a tag, an apostrophe, a number format) goes through ICU. `src/i18n/staff.test.ts`
 * checks every message of the file gives the same text both ways.
 */
const SIMPLE = /^[^{}'<>#]*(?:\{\w+\}[^{}'<>#]*)*$/;
type Compiled = { pieces: string[]; names: string[] } | null;

export function compileSimple(message: string): Compiled {
  if (!SIMPLE.test(message)) return null;
  const pieces: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of message.matchAll(/\{(\w+)\}/g)) {
    pieces.push(message.slice(last, m.index));
    names.push(m[1]!);
    last = m.index! + m[0].length;
  }
  pieces.push(message.slice(last));
  return { pieces, names };
}

/** The message with its values, or undefined when a value is not a string or number (ICU decides). */
export function formatSimple(compiled: NonNullable<Compiled>, values: StaffValues | undefined): string | undefined {
  let out = compiled.pieces[0]!;
  for (let i = 0; i < compiled.names.length; i++) {
    const value = values?.[compiled.names[i]!];
    if (typeof value === "string") out += value;
    // As ICU (use-intl) writes a number in a plain {value}: as it is, no grouping.
    else if (typeof value === "number") out += String(value);
    else return undefined;
    out += compiled.pieces[i + 1]!;
  }
  return out;
}

export function staffText<N extends StaffNamespace>(namespace: N): StaffTranslate<N> {
  let t = translators.get(namespace);
  if (!t) {
    // One translator per namespace for the process: its cache keeps each message's parsed form.
    const translate = createTranslator({ locale: STAFF_LANGUAGE, messages: staffEnglish, namespace: namespace as never, timeZone: "UTC" }) as unknown as Untyped;
    const messages = (staffEnglish as Record<string, Record<string, string>>)[namespace] ?? {};
    const compiled = new Map<string, Compiled>();
    t = Object.assign(
      (key: string, values?: StaffValues) => {
        let c = compiled.get(key);
        if (c === undefined && !compiled.has(key)) {
          c = typeof messages[key] === "string" ? compileSimple(messages[key]) : null;
          compiled.set(key, c);
        }
        return (c && formatSimple(c, values)) ?? translate(key, values);
      },
      { rich: (key: string, values: StaffRichValues) => translate.rich(key, values) },
    );
    translators.set(namespace, t);
  }
  return t as StaffTranslate<N>;
}

/** The whole English staff catalogue (for the catalogue's own tests). */
export const staffMessages: Record<string, Record<string, string>> = staffEnglish;
