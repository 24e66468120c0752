/**
 * The one id check: what PostgreSQL's uuid type accepts in the canonical form every id here is
 * written in (8-4-4-4-12 hex digits). Anything else never reaches a uuid cast, so a malformed id
 * answers as not found instead of a database error. No zod here: browser code uses this too, and
 * zod must reach the browser only through src/lib/zod-fields.ts (which keeps it CSP-safe).
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
