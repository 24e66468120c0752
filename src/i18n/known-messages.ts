import { messagesFor, DEFAULT_LANGUAGE } from "./catalog";
import { translator } from "./translate";

/**
 * The portal's checks (answer validation, refusals) are written once, in English, and shared
 * with the counselor screens. On the way back to a client, a message that is one of the known
 * English strings below is replaced by its translation; anything else passes unchanged (and
 * stays English). The keys are the message files' own, so a new language needs no code here.
 */
const NAMESPACES = ["answers", "portal.errors", "form"] as const;

type Known = { key: string; pattern: RegExp; names: string[] };
let known: Known[] | null = null;

function escape(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
}

function index(): Known[] {
  if (known) return known;
  const english = messagesFor(DEFAULT_LANGUAGE) as Record<string, unknown>;
  const out: Known[] = [];
  for (const ns of NAMESPACES) {
    let node: unknown = english;
    for (const part of ns.split(".")) node = (node as Record<string, unknown>)[part];
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (typeof value !== "string" || value.includes(", plural,")) continue;
      const names: string[] = [];
      // "{max}" and the like match a number (as the English code wrote it, digits and commas).
      const source = escape(value).replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string | undefined, b: string | undefined) => {
        names.push((a ?? b)!);
        return "([\\d,]+)";
      });
      out.push({ key: `${ns}.${key}`, pattern: new RegExp(`^${source}$`), names });
    }
  }
  known = out;
  return out;
}

/** A known English message in `language` (unknown messages come back as they are). */
export function translateKnownMessage(message: string, language: string): string {
  if (language === DEFAULT_LANGUAGE) return message;
  for (const { key, pattern, names } of index()) {
    const match = pattern.exec(message);
    if (!match) continue;
    const values = Object.fromEntries(names.map((name, i) => [name, Number(match[i + 1]!.replace(/,/g, ""))]));
    return translator(language)(key, values);
  }
  return message;
}

/** Every message and field error of a form's state, in `language`. */
export function translateFormErrors<S extends { message?: string; fieldErrors?: Record<string, string[] | undefined> }>(state: S, language: string): S {
  if (language === DEFAULT_LANGUAGE) return state;
  return {
    ...state,
    message: state.message === undefined ? undefined : translateKnownMessage(state.message, language),
    fieldErrors: state.fieldErrors
      ? Object.fromEntries(Object.entries(state.fieldErrors).map(([field, errors]) => [field, errors?.map((e) => translateKnownMessage(e, language))]))
      : undefined,
  };
}
