import { COUNSELOR_LOCALE, dateTimeFormat } from "@/lib/date-format";

/** "Preferred (Full Name)" when a preferred name differs, else the full name. */
export function displayName(client: { name: string; preferredName: string | null }): string {
  return client.preferredName && client.preferredName !== client.name ? `${client.preferredName} (${client.name})` : client.name;
}

export function formatDate(date: string | null, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }): string {
  if (!date) return "—";
  const d = date.length === 10 ? new Date(`${date}T12:00:00Z`) : new Date(date);
  return dateTimeFormat(COUNSELOR_LOCALE, { ...options, timeZone: "UTC" }).format(d);
}
