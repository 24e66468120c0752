/**
 * The locale of the counselor screens, in one place: they are English for now (the portal uses
 * its client's language). A counselor language would replace this with the user's own.
 */
export const COUNSELOR_LOCALE = "en-US";

/**
 * Intl.DateTimeFormat instances, made once per locale and options and then reused: building
 * one costs far more than formatting with it (a trends page formats hundreds of dates, and made a
 * new formatter for each: about 18 ms a request on the large data set).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    // Time zones are the only open-ended part of the key; a bound keeps a bad day harmless.
    if (formats.size >= 500) formats.clear();
    formats.set(key, format);
  }
  return format;
}
