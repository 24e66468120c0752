import type { Extension } from "fhir/r4";
import type { Instrument, QuestionnaireItem } from "./types";

/**
 * Questionnaire wording in other languages, the FHIR way: the core translation extension on a
 * string's primitive element (`_text`, `_title`, an option's `valueCoding._display`):
 *
 *   "text": "I felt empty inside.",
 *   "_text": { "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/translation",
 *     "extension": [{ "url": "lang", "valueCode": "es" }, { "url": "content", "valueString": "Me sentí vacío/a por dentro." }] }] }
 *
 * Only wording changes: link ids, answer codes, weights and every scoring rule are the file's
 * own, so a score never depends on the language it was taken in.
 */
export const TRANSLATION_URL = "http://hl7.org/fhir/StructureDefinition/translation";

type Translatable = { extension?: Extension[] } | undefined;

function translations(element: Translatable): Map<string, string> {
  const out = new Map<string, string>();
  for (const ext of element?.extension ?? []) {
    if (ext.url !== TRANSLATION_URL) continue;
    const lang = ext.extension?.find((e) => e.url === "lang")?.valueCode;
    const content = ext.extension?.find((e) => e.url === "content")?.valueString;
    if (lang && content !== undefined && content.trim() !== "") out.set(lang, content);
  }
  return out;
}

/** The wording for a language: exact tag, else its base language, else null (use the original). */
export function translationFor(element: Translatable, language: string): string | null {
  const all = translations(element);
  return all.get(language) ?? all.get(language.split("-")[0]!) ?? null;
}

function* itemsOf(items: readonly QuestionnaireItem[] | undefined): Generator<QuestionnaireItem> {
  for (const item of items ?? []) {
    yield item;
    yield* itemsOf(item.item);
  }
}

/** Every language the questionnaire carries wording for (its own language excluded). */
export function instrumentLanguages(instrument: Pick<Instrument, "questionnaire">): string[] {
  const q = instrument.questionnaire;
  const found = new Set<string>(translations(q._title).keys());
  for (const item of itemsOf(q.item)) {
    for (const lang of translations(item._text).keys()) found.add(lang);
  }
  return [...found].sort();
}

/**
 * Whether the instrument can be shown in a language: every question and every answer option
 * has wording in it. A partly translated questionnaire is shown in its own language instead,
 * never mixed.
 */
export function isFullyTranslated(instrument: Pick<Instrument, "questionnaire">, language: string): boolean {
  for (const item of itemsOf(instrument.questionnaire.item)) {
    if (item.text && translationFor(item._text, language) === null) return false;
    for (const option of item.answerOption ?? []) {
      if (option.valueCoding.display && translationFor(option.valueCoding._display, language) === null) return false;
    }
  }
  return true;
}

/** The language an instrument is shown in for someone who prefers `language`. */
export function shownLanguage(instrument: Pick<Instrument, "questionnaire" | "language">, language: string): string {
  const own = instrument.language;
  if (language === own || language.split("-")[0] === own) return own;
  if (!isFullyTranslated(instrument, language)) return own;
  return instrumentLanguages(instrument).includes(language) ? language : language.split("-")[0]!;
}

/**
 * The instrument with its wording in `language` where the file translates it (title, notice,
 * questions, answer options). Structure and scoring are untouched. Returns the instrument itself
 * for its own language.
 */
export function localizeInstrument(instrument: Instrument, language: string): Instrument {
  if (language === instrument.language) return instrument;
  const q = instrument.questionnaire;
  const texts = new Map<string, { text: string | null; options: Map<string, string> }>();
  for (const item of itemsOf(q.item)) {
    const options = new Map<string, string>();
    for (const option of item.answerOption ?? []) {
      const display = translationFor(option.valueCoding._display, language);
      if (display !== null) options.set(option.valueCoding.code, display);
    }
    texts.set(item.linkId, { text: translationFor(item._text, language), options });
  }
  return {
    ...instrument,
    title: translationFor(q._title, language) ?? instrument.title,
    description: instrument.description === null ? null : (translationFor(q._description, language) ?? instrument.description),
    copyright: instrument.copyright === null ? null : (translationFor(q._copyright, language) ?? instrument.copyright),
    items: instrument.items.map((item) => {
      const found = texts.get(item.linkId);
      if (!found) return item;
      return {
        ...item,
        text: found.text ?? item.text,
        options: item.options.map((o) => ({ ...o, display: found.options.get(o.code) ?? o.display })),
      };
    }),
  };
}

/** The title in every language the file translates it into (FHIR `_title`), by language tag. */
export function titleTranslations(instrument: Pick<Instrument, "questionnaire">): Record<string, string> {
  return Object.fromEntries(translations(instrument.questionnaire._title));
}
