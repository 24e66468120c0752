import { resolveLanguage } from "@/i18n/catalog";
import { formatterFor, translator } from "@/i18n/translate";
import { formatPeriod } from "./period";
import type { ProgressReportData } from "./progress-data";

export interface ClientSummary {
  /** The shipped language the sentences are in (the client's, or a support person's). */
  language: string;
  period: string;
  greetingName: string;
  did: string[];
  checkins: string[];
  closing: string;
  notice: string;
}

// What each of Attune's check-ins asks about, in everyday words: messages/<language>.json, summary.about.
const ABOUT = new Set(["attune-numbness", "attune-empathy-connection", "attune-detachment-profile"]);

/**
 * The client-facing summary of a period in plain language, in `language`: what they did and how
 * their check-ins moved. Built from the same data as the progress report; no scores are
 * re-derived. Plain, warm words for what the change index found; no clinical terms, no blame.
 * A check-in is named in the language when its file translates its title, else in its own.
 */
export function clientSummary(data: Pick<ProgressReportData, "client" | "period" | "indicators" | "adherence" | "intensity" | "attendance" | "family">, language?: string | null): ClientSummary {
  const code = resolveLanguage(language);
  const t = translator(code, "summary");
  const { number } = formatterFor(code);
  const score = (v: number) => number(v, { maximumFractionDigits: Number.isInteger(v) ? 0 : 1, minimumFractionDigits: Number.isInteger(v) ? 0 : 1 });
  const name = data.client.preferredName ?? data.client.name.split(" ")[0] ?? data.client.name;
  const a = data.adherence.overall;
  const did: string[] = [];
  if (a.due > 0) did.push(t(a.late ? "completedLate" : "completed", { done: a.done + a.late, due: a.due, late: a.late }));
  else did.push(t("noneSuggested"));
  const records = data.intensity.reduce((s, p) => s + p.count, 0);
  if (records > 0) {
    const drop = data.intensity.reduce((s, p) => s + (p.before - p.after) * p.count, 0) / records;
    did.push([t("thoughtRecords", { count: records }), ...(drop > 0 ? [t("intensityDrop", { drop: score(drop) })] : [])].join(" "));
  }
  if (data.attendance.attended > 0) did.push(t("sessions", { count: data.attendance.attended }));
  if (data.family.sessions > 0) did.push(t("familySessions", { count: data.family.sessions }));

  const checkins = data.indicators
    .filter((i) => i.inPeriod > 0)
    .map((i) => {
      const instrumentCode = i.url.split("/").at(-1) ?? "";
      const about = ABOUT.has(instrumentCode) ? t("asks", { about: t(`about.${instrumentCode}`) }) : "";
      const latest = score(i.latest.total);
      const scores = i.baseline ? t("fromTo", { baseline: score(i.baseline.total), latest }) : t("latestOnly", { latest });
      const title = i.titles?.[code] ?? i.title;
      return t("checkinLine", { title, about, scores, movement: i.change ? t(`movement.${i.change.verdict}`) : t("notEnough") });
    });
  if (checkins.length === 0) checkins.push(t("noCheckins"));

  return {
    language: code,
    period: formatPeriod(data.period, code),
    greetingName: name,
    did,
    checkins,
    closing: t("closing"),
    notice: t("notice"),
  };
}
