import { z } from "zod";
import "./zod-csp";
import { isLocalDate, isValidTimeZone } from "./local-date";

/** An optional text field from a form: blank becomes undefined, the rest is trimmed. */
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${label} under ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const requiredText = (max: number, missing: string, label: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Keep ${label} under ${max} characters.`);

export const localDate = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).refine(isLocalDate, "Enter a real date (YYYY-MM-DD).");

export const optionalLocalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || isLocalDate(v), "Enter a real date (YYYY-MM-DD).");

export const timeZone = z
  .string({ error: "Choose a time zone." })
  .trim()
  .refine((v) => isValidTimeZone(v), "Choose a time zone from the list.");

/** Checkbox groups arrive as one string, several, or none. */
export const stringList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);

export const uuid = (message = "Choose one from the list.") => z.uuid({ error: message });

export const version = z.coerce.number<string>().int().min(1);

export function todayIn(timeZoneName = "UTC"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timeZoneName, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}
