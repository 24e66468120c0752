/** The PostgreSQL error code behind a driver's error (drizzle wraps the original as its cause). */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === "23505";

/** The PostgreSQL error behind a driver's error, with the column or constraint it names. */
function pgError(error: unknown): { code: string; column?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const e = current as { code?: unknown; column?: unknown; column_name?: unknown };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      const column = typeof e.column === "string" ? e.column : typeof e.column_name === "string" ? e.column_name : undefined;
      return { code: e.code, column };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

// Errors caused by what was sent (a value out of range, a duplicate, a broken reference), not by
// the server: they answer as a message on the form, never as a crash.
const USER_FAULT: Record<string, string> = {
  "23505": "This is already recorded (it must be unique). Change it and try again.",
  "23503": "Something this refers to does not exist any more. Reload the page and try again.",
  "23502": "A required value is missing.",
  "23514": "A value is outside what is allowed here.",
  "22001": "A value is too long.",
  "22003": "A number is too large or too small.",
  "22007": "A date or time is not valid.",
  "22008": "A date or time is out of range.",
  "22021": "The text contains a character that cannot be saved.",
  "22P02": "A value is not in the expected form.",
  "22P05": "The text contains a character that cannot be saved.",
  "54000": "A value is too large to save.",
};

/**
 * The message for a database error that the person's input caused, and the form field it
 * belongs to (the column, in camelCase), or null for an error that is the server's own.
 */
export function userFaultOf(error: unknown): { message: string; field?: string } | null {
  const pg = pgError(error);
  const message = pg && USER_FAULT[pg.code];
  if (!message) return null;
  const field = pg.column?.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return { message: `${message} Nothing was saved.`, field };
}
