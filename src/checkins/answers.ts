import type { AnswerValue, Instrument, InstrumentItem } from "@/instruments/fhir-schema";
import { itemIndex } from "@/instruments/scoring";
import { staffText } from "@/i18n/staff";
import { translator, type Translate } from "@/i18n/translate";

const words = staffText("checkinLabels");
// The answer checks are shown to clients too: their English is the portal's own (messages/en.json "answers"),
// which translateKnownMessage translates for a client.
const answerWords: Translate = (key, values) => translator("en", "answers")(key, values);
// A yes/no answer as the staff views and the progress report show it (answerText).
const YES = words("answerYes");
const NO = words("answerNo");

/** What a form sends for one item: a choice's code, a number, a yes/no, or text. */
export type RawAnswer = string | number | boolean | null;

export const MAX_TEXT_ANSWER = 2000;

export interface ReadAnswers {
  answers: Record<string, AnswerValue>;
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

function readOne(item: InstrumentItem, raw: unknown): { value?: AnswerValue; error?: string } {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return {};
  switch (item.type) {
    case "choice": {
      const code = typeof raw === "object" && raw !== null && "code" in raw ? (raw as { code: unknown }).code : raw;
      if (typeof code === "string" && item.options.some((o) => o.code === code)) return { value: { code } };
      return { error: answerWords("choose") };
    }
    case "integer": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : Number.NaN;
      return Number.isSafeInteger(n) ? { value: n } : { error: answerWords("wholeNumber") };
    }
    case "decimal": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : Number.NaN;
      return Number.isFinite(n) ? { value: n } : { error: answerWords("number") };
    }
    case "boolean":
      if (raw === true || raw === "true") return { value: true };
      if (raw === false || raw === "false") return { value: false };
      return { error: answerWords("yesNo") };
    case "string":
      if (typeof raw !== "string") return { error: answerWords("enterText") };
      if (raw.length > MAX_TEXT_ANSWER) return { error: `Keep this under ${MAX_TEXT_ANSWER} characters.` };
      return { value: raw.trim() };
    case "display":
    case "group":
      return { error: "This is not a question." };
  }
}

/**
 * The answers a form sent (linkId → raw value), checked against the instrument and turned into
 * the scorer's form (`{ code }` for choices). Blank answers are left out: a missing answer stays
 * missing and the instrument's rule decides what it means.
 */
export function readAnswers(instrument: Instrument, raw: Readonly<Record<string, unknown>>): ReadAnswers {
  const index = itemIndex(instrument);
  const answers: Record<string, AnswerValue> = {};
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const [linkId, value] of Object.entries(raw)) {
    const item = index.get(linkId);
    if (!item) {
      formErrors.push(translator("en", "portal.errors")("formChanged"));
      continue;
    }
    const read = readOne(item, value);
    if (read.error) fieldErrors[linkId] = [read.error];
    else if (read.value !== undefined) answers[linkId] = read.value;
  }
  return { answers, fieldErrors, formErrors: [...new Set(formErrors)] };
}

/** The form's own value for a stored answer (the reverse of readAnswers). */
export function rawAnswerOf(value: AnswerValue | undefined): RawAnswer {
  if (value === undefined) return null;
  return typeof value === "object" ? value.code : value;
}

/** The answer as words: the option's text for a choice, yes/no, or the value itself. */
export function answerText(item: InstrumentItem, value: AnswerValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === "object") return item.options.find((o) => o.code === value.code)?.display ?? value.code;
  if (typeof value === "boolean") return value ? YES : NO;
  return String(value);
}

/** The weight a stored answer carries, when the item is scored. */
export function answerWeight(item: InstrumentItem, value: AnswerValue | undefined): number | null {
  if (!item.scored || value === undefined || typeof value !== "object") return null;
  return item.options.find((o) => o.code === value.code)?.weight ?? null;
}
