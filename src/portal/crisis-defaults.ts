/**
 * Built-in crisis lines by country (ISO 3166-1 alpha-2), shown in the portal when the
 * organisation has set none of its own for the client's country. Numbers checked against each
 * service's public site in 2026; an organisation should confirm them for its region and can
 * replace them (Administration → Crisis lines).
 */
export interface CrisisDefault {
  /** The general emergency number. */
  emergency: string;
  lines: { name: string; phone: string; text?: boolean; allDay?: boolean }[];
}

export const CRISIS_DEFAULTS: Record<string, CrisisDefault> = {
  US: { emergency: "911", lines: [{ name: "988 Suicide & Crisis Lifeline", phone: "988", text: true, allDay: true }] },
  CA: { emergency: "911", lines: [{ name: "9-8-8 Suicide Crisis Helpline", phone: "988", text: true, allDay: true }] },
  GB: { emergency: "999", lines: [{ name: "Samaritans", phone: "116 123", allDay: true }] },
  IE: { emergency: "112", lines: [{ name: "Samaritans", phone: "116 123", allDay: true }] },
  ES: { emergency: "112", lines: [{ name: "Línea 024 de atención a la conducta suicida", phone: "024", allDay: true }] },
  MX: { emergency: "911", lines: [{ name: "Línea de la Vida", phone: "800 911 2000", allDay: true }] },
  IL: { emergency: "101", lines: [{ name: "ERAN · ער״ן", phone: "1201", allDay: true }] },
  AU: { emergency: "000", lines: [{ name: "Lifeline", phone: "13 11 14", allDay: true }] },
  NZ: { emergency: "111", lines: [{ name: "Need to talk? 1737", phone: "1737", text: true, allDay: true }] },
  DE: { emergency: "112", lines: [{ name: "TelefonSeelsorge", phone: "0800 111 0 111", allDay: true }] },
  FR: { emergency: "112", lines: [{ name: "3114 · Prévention du suicide", phone: "3114", allDay: true }] },
};

// Time zones of the countries above, for a client whose country is not recorded.
const ZONES: Record<string, string> = {
  "America/New_York": "US", "America/Chicago": "US", "America/Denver": "US", "America/Los_Angeles": "US", "America/Phoenix": "US",
  "America/Anchorage": "US", "Pacific/Honolulu": "US", "America/Detroit": "US", "America/Boise": "US", "America/Puerto_Rico": "US",
  "America/Indiana/Indianapolis": "US", "America/Kentucky/Louisville": "US",
  "America/Toronto": "CA", "America/Vancouver": "CA", "America/Edmonton": "CA", "America/Winnipeg": "CA", "America/Halifax": "CA",
  "America/St_Johns": "CA", "America/Regina": "CA",
  "Europe/London": "GB", "Europe/Dublin": "IE", "Europe/Madrid": "ES", "Atlantic/Canary": "ES", "Africa/Ceuta": "ES",
  "America/Mexico_City": "MX", "America/Tijuana": "MX", "America/Monterrey": "MX", "America/Cancun": "MX", "America/Merida": "MX",
  "America/Chihuahua": "MX", "America/Hermosillo": "MX", "America/Mazatlan": "MX",
  "Asia/Jerusalem": "IL", "Asia/Tel_Aviv": "IL", "Pacific/Auckland": "NZ", "Europe/Berlin": "DE", "Europe/Paris": "FR",
};

/** The client's country: the recorded one, else the one their time zone belongs to, else null. */
export function countryFor(country: string | null, timeZone: string): string | null {
  if (country) return country;
  if (ZONES[timeZone]) return ZONES[timeZone]!;
  return timeZone.startsWith("Australia/") ? "AU" : null;
}

// Codes Intl knows that are not countries (or no longer exist).
const NOT_COUNTRIES = new Set(["ZZ", "EU", "EZ", "UN", "QO", "AN", "AC", "CP", "DG", "EA", "IC", "TA", "CQ", "BU", "CS", "DD", "FX", "NT", "SU", "TP", "YD", "YU", "ZR", "XA", "XB"]);
let codes: string[] | null = null;

/** Every ISO 3166-1 alpha-2 country code Intl can name. */
export function countryCodes(): string[] {
  if (codes) return codes;
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const found: string[] = [];
  for (let a = 65; a < 91; a++) {
    for (let b = 65; b < 91; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !NOT_COUNTRIES.has(code)) found.push(code);
    }
  }
  codes = found;
  return found;
}

/** Country options for a select, named in the given language and sorted by that name. */
export function countryOptions(locale = "en"): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([locale], { type: "region" });
  return countryCodes()
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
