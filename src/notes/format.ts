import { COUNSELOR_LOCALE, dateTimeFormat } from "@/lib/date-format";
import { formatDate } from "@/clients/display";
import { staffText } from "@/i18n/staff";
import { attendanceLabels, type Attendance } from "./schemas";

const t = staffText("noteLabels");
// A list of notes says a duration a row: each is formatted once.
const durations = new Map<number, string>();
function duration(minutes: number): string {
  let text = durations.get(minutes);
  if (text === undefined) durations.set(minutes, (text = t("durationMinutes", { minutes })));
  return text;
}

/** A signature time in the client's time zone, with the zone named: "Nov 20, 2026, 5:42 PM EST". */
export function formatSignedAt(iso: string, timeZone: string): string {
  return dateTimeFormat(COUNSELOR_LOCALE, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(iso));
}

/** "Mon, Nov 16, 2026" for a session's calendar day. */
export function formatSessionDate(date: string): string {
  return formatDate(date, { weekday: "short", month: "short", day: "numeric", year: "numeric" });
}

/** "14:30 · 50 minutes · Attended", leaving out what is not recorded. */
export function sessionFacts(note: { startTime: string | null; durationMinutes: number | null; attendance: Attendance }): string {
  return [note.startTime, note.durationMinutes ? duration(note.durationMinutes) : null, attendanceLabels[note.attendance]].filter(Boolean).join(" · ");
}
