import type { ChangeVerdict } from "@/outcomes/change";
import { formatPeriod } from "./period";
import type { ProgressReportData } from "./progress-data";

export interface ClientSummary {
  heading: string;
  period: string;
  greetingName: string;
  did: string[];
  checkins: string[];
  closing: string;
  notice: string;
}

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const score = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

// Plain, warm words for what the change index found. No clinical terms, no blame.
const movement: Record<ChangeVerdict, string> = {
  recovered: "That is a big, steady change in a good direction.",
  improved: "That is a clear change in a good direction.",
  no_reliable_change: "That is about where you started. Change often takes time, and showing up counts.",
  deteriorated: "Things look harder lately. That is worth talking about with your counselor; you do not have to carry it alone.",
};

// What each of Attune's check-ins asks about, in everyday words.
const about: Record<string, string> = {
  "attune-numbness": "how numb or far away from your feelings you have felt (lower means you are feeling more)",
  "attune-empathy-connection": "how connected you have felt to other people (higher means more connected)",
  "attune-detachment-profile": "how you step back from hard feelings, as your counselor sees it (higher means in a healthier way)",
};

/**
 * The client-facing summary of a period in plain language: what they did and how their
 * check-ins moved. Built from the same data as the progress report; no scores are re-derived.
 */
export function clientSummary(data: Pick<ProgressReportData, "client" | "period" | "indicators" | "adherence" | "intensity" | "attendance" | "family">): ClientSummary {
  const name = data.client.preferredName ?? data.client.name.split(" ")[0] ?? data.client.name;
  const a = data.adherence.overall;
  const did: string[] = [];
  if (a.due > 0) did.push(`You completed ${n(a.done + a.late, "exercise")} of the ${a.due} suggested${a.late ? ` (${a.late} of them a little later than planned)` : ""}.`);
  else did.push("No exercises were suggested in this period.");
  const records = data.intensity.reduce((s, p) => s + p.count, 0);
  if (records > 0) {
    const drop = data.intensity.reduce((s, p) => s + (p.before - p.after) * p.count, 0) / records;
    did.push(`You worked through ${n(records, "thought record")}.${drop > 0 ? ` On average the feeling was ${score(drop)} points less intense by the end of each one.` : ""}`);
  }
  if (data.attendance.attended > 0) did.push(`You came to ${n(data.attendance.attended, "session")}.`);
  if (data.family.sessions > 0) did.push(`You took part in ${n(data.family.sessions, "family session")}.`);

  const checkins = data.indicators
    .filter((i) => i.inPeriod > 0)
    .map((i) => {
      const code = i.url.split("/").at(-1) ?? "";
      const what = about[code] ? `, which asks ${about[code]}` : "";
      const from = i.baseline ? `from ${score(i.baseline.total)} when you started to ${score(i.latest.total)} most recently` : `at ${score(i.latest.total)} most recently`;
      return `${i.title}${what}: ${from}. ${i.change ? movement[i.change.verdict] : "There are not enough check-ins yet to see a change."}`;
    });
  if (checkins.length === 0) checkins.push("There were no check-ins in this period.");

  return {
    heading: "Your progress",
    period: formatPeriod(data.period),
    greetingName: name,
    did,
    checkins,
    closing: "Thank you for the work you are putting in. Bring anything that surprised you here to your next session.",
    notice: "These check-ins were written for Attune to help you and your counselor notice change over time. They are not validated tests and they do not diagnose anything.",
  };
}
