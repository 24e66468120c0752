/**
 * The hostile values every parameter and every form field is tried with (e2e/route-fuzz.spec.ts,
 * e2e/action-matrix.spec.ts): what PostgreSQL cannot store, what overflows a column, what tries
 * to escape a context. None may be answered with a server error.
 */
export const HUGE_TEXT = "x".repeat(1_100_000);

export const hostileValues: readonly string[] = [
  "a\u0000b",
  "\u0000",
  "\ud800 lone surrogate",
  "\u202eevil\u202c bidi override",
  "<script>alert(1)</script>",
  "'; drop table clients; --",
  "' OR 1=1 --",
  "=HYPERLINK(\"http://x\")",
  "+cmd|' /C calc'!A0",
  "2147483648",
  "-2147483649",
  "-1",
  "1e309",
  "99999999999999999999999",
  "NaN",
  "------------------------------------",
  "00000000-0000-0000-0000-000000000000",
  "%00%2e%2e%2f",
  "😀".repeat(300),
  "y".repeat(70_000),
  "",
];

/** Route parameters: malformed ids, very long strings, percent-encoding and NUL, as they appear in a path. */
export const hostileSegments: readonly string[] = [
  "------------------------------------",
  "00000000-0000-0000-0000-00000000000g",
  "x",
  "%00",
  "a%00b",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%E2%80%AEevil",
  "%F0%9F%98%80",
  "%3Cscript%3E",
  "'%20OR%201=1--",
  "1e309",
  "-1",
  "z".repeat(2_000),
  "%ZZ",
];
