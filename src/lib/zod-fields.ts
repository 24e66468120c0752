import { z } from "zod";
import "./zod-csp";
import { UUID_PATTERN } from "./ids";
import { isLocalDate, isValidTimeZone } from "./local-date";
import { isStorableValue, storableString, UNSTORABLE_MESSAGE } from "./storable-text";
import { staffText } from "@/i18n/staff";

const fv = staffText("fieldValidation");

/** An optional text field from a form: blank becomes undefined, the rest is trimmed. */
export const optionalText = (max: number, label: string) =>
  storableString()
    .trim()
    .max(max, fv("keepUnder", { label, max: String(max) }))
    .optional()
    .transform((v) => (v ? v : undefined));

export const requiredText = (max: number, missing: string, label: string) =>
  storableString(missing).trim().min(1, missing).max(max, fv("keepUnder", { label, max: String(max) }));

export const localDate = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).refine(isLocalDate, fv("realDate"));

export const optionalLocalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || isLocalDate(v), fv("realDate"));

export const timeZone = z
  .string({ error: fv("chooseTimeZone") })
  .trim()
  .refine((v) => isValidTimeZone(v), fv("timeZoneFromList"));

/** Checkbox groups arrive as one string, several, or none. */
export const stringList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);

/** An id field in a form or a URL (the one id check of src/lib/ids.ts), refused with `message` otherwise. */
export const uuid = (message = fv("chooseFromList")) => z.string({ error: message }).trim().regex(UUID_PATTERN, message);

/** The largest value of PostgreSQL's integer type, the bound of every integer a form sends. */
export const INT4_MAX = 2_147_483_647;

export const version = z.coerce.number<string>().int().min(1).max(INT4_MAX, fv("outOfDate"));

export function todayIn(timeZoneName = "UTC"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timeZoneName, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** A JSON object sent as text in one hidden field (a form's answers), every string in it storable. */
export const jsonObjectText = (max: number, tooLong: string) =>
  z
    .string()
    .max(max, tooLong)
    .transform((text, ctx) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        ctx.addIssue({ code: "custom", message: "The answers could not be read. Reload the page and try again." });
        return z.NEVER;
      }
      if (!isStorableValue(value)) {
        ctx.addIssue({ code: "custom", message: UNSTORABLE_MESSAGE });
        return z.NEVER;
      }
      return value as Record<string, unknown>;
    });

/** The key a form sends so that a double submit saves once. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "Reload the page and try again.");
