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

export function staffText<N extends StaffNamespace>(namespace: N): StaffTranslate<N> {
  let t = translators.get(namespace);
  if (!t) {
    // One translator per namespace for the process: its cache keeps each message's parsed form.
    const translate = createTranslator({ locale: STAFF_LANGUAGE, messages: staffEnglish, namespace: namespace as never, timeZone: "UTC" }) as unknown as Untyped;
    t = Object.assign((key: string, values?: StaffValues) => translate(key, values), { rich: (key: string, values: StaffRichValues) => translate.rich(key, values) });
    translators.set(namespace, t);
  }
  return t as StaffTranslate<N>;
}

/** The whole English staff catalogue (for the catalogue's own tests). */
export const staffMessages: Record<string, Record<string, string>> = staffEnglish;
