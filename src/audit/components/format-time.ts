/**
 * Instants as UTC text, written by hand rather than with Intl so that the server's and the
 * browser's output are the same character for character (no hydration mismatch), and so that
 * an audit time reads the same on every screen: "2026-03-10 14:05 UTC".
 */
export function formatUtc(iso: string | null, options: { seconds?: boolean; zone?: boolean } = {}): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  const text = d.toISOString();
  const time = options.seconds ? text.slice(11, 19) : text.slice(11, 16);
  return `${text.slice(0, 10)} ${time}${options.zone === false ? "" : " UTC"}`;
}

export function formatUtcDay(iso: string | null): string {
  return iso ? new Date(iso).toISOString().slice(0, 10) : "—";
}
