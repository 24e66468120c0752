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
 * as ICU would, without ICU's per-call cost (about 6 µs a call against 0.1). An apostrophe is a
 * plain letter to ICU unless a syntax character or another apostrophe follows it ("client's" is
 * plain; "'{'" and "''" are not). Anything else (a plural, a select, a tag, a quoting apostrophe,
 * a number format) goes through ICU. `src/i18n/staff.test.ts` checks every message of the file
 * gives the same text both ways.
 */
const PLAIN = "(?:[^{}'<>#]|'(?![{}#|'<>]))";
const SIMPLE = new RegExp(`^${PLAIN}*(?:\\{\\w+\\}${PLAIN}*)*$`);
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

const ICU_MEMO_LIMIT = 2_000;

/** The memo's key for a message and its values, or null when a value is not a word or a number (a date). */
export function icuMemoKey(key: string, values: StaffValues | undefined): string | null {
  if (!values) return key;
  let memo = key;
  for (const name in values) {
    const value = values[name];
    // JSON for the value: a word and a number never meet ("1" against 1), nor can a value's own
    // characters imitate the separators.
    if (typeof value === "string" || typeof value === "number") memo += `|${name}=${JSON.stringify(value)}`;
    else return null;
  }
  return memo;
}

export function staffText<N extends StaffNamespace>(namespace: N): StaffTranslate<N> {
  let t = translators.get(namespace);
  if (!t) {
    // One translator per namespace for the process: its cache keeps each message's parsed form.
    const translate = createTranslator({ locale: STAFF_LANGUAGE, messages: staffEnglish, namespace: namespace as never, timeZone: "UTC" }) as unknown as Untyped;
    const messages = (staffEnglish as Record<string, Record<string, string>>)[namespace] ?? {};
    const compiled = new Map<string, Compiled>();
    const formatted = new Map<string, string>();
    t = Object.assign(
      (key: string, values?: StaffValues) => {
        let c = compiled.get(key);
        if (c === undefined && !compiled.has(key)) {
          c = typeof messages[key] === "string" ? compileSimple(messages[key]) : null;
          compiled.set(key, c);
        }
        const direct = c && formatSimple(c, values);
        if (direct !== undefined && direct !== null) return direct;
        // ICU's result for the same message and the same words and numbers is the same: kept per
        // namespace (a bounded map), so a select or plural repeated on every page load formats once.
        const memoKey = icuMemoKey(key, values);
        if (memoKey === null) return translate(key, values);
        let text = formatted.get(memoKey);
        if (text === undefined) {
          if (formatted.size >= ICU_MEMO_LIMIT) formatted.clear();
          text = translate(key, values);
          formatted.set(memoKey, text);
        }
        return text;
      },
      { rich: (key: string, values: StaffRichValues) => translate.rich(key, values) },
    );
    translators.set(namespace, t);
  }
  return t as StaffTranslate<N>;
}

/** The whole English staff catalogue (for the catalogue's own tests). */
export const staffMessages: Record<string, Record<string, string>> = staffEnglish;
