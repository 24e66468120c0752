import { z } from "zod";

/**
 * What PostgreSQL cannot store in text or jsonb: the NUL character (U+0000). A string that is not
 * well-formed UTF-16 (a lone surrogate) would be stored silently changed, so it is refused too.
 * One rule for every text a person sends: forms, portal forms, route and search parameters.
 */
const NUL = /\u0000/;

export const UNSTORABLE_MESSAGE = "This contains a character that cannot be saved (a null or broken character). Remove it and try again.";

export function isStorableText(value: string): boolean {
  return !NUL.test(value) && value.isWellFormed();
}

/** Every string in a parsed JSON value (keys included) can be stored: jsonb refuses NUL too. */
export function isStorableValue(value: unknown): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableValue);
  if (value && typeof value === "object") return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableValue(v));
  return true;
}

/**
 * The fields of a submitted form holding text that cannot be stored, with the message to show
 * beside each. Checked before any schema, so no action or portal form can miss it.
 */
export function unstorableFields(raw: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    const values = Array.isArray(value) ? value : [value];
    if (!isStorableText(key)) errors._form = [UNSTORABLE_MESSAGE];
    else if (values.some((v) => typeof v === "string" && !isStorableText(v))) errors[key] = [UNSTORABLE_MESSAGE];
  }
  return errors;
}

/** A string that PostgreSQL can store: the base of every text field in src/lib/zod-fields.ts. */
export const storableString = (error?: string) => z.string(error === undefined ? undefined : { error }).refine(isStorableText, UNSTORABLE_MESSAGE);
