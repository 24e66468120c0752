import { describe, expect, it } from "vitest";
import { computeChange } from "@/outcomes/change";
import { clientSummary } from "./client-summary";
import type { ProgressReportData, ReportIndicator } from "./progress-data";

const score = (total: number, day: string) => ({ total, band: null, severity: null, day, at: `${day}T12:00:00.000Z` });
const base = {
  client: { id: "c", name: "Avery Abbott", preferredName: null, recordNumber: "R-1", dateOfBirth: null, recoveryFocus: "both", status: "active", startDate: "2026-08-01", timeZone: "UTC", primaryCounselorName: "J", pronouns: null },
  period: { from: "2026-09-01", to: "2026-11-30" },
  adherence: { overall: { due: 10, done: 6, late: 2, missed: 2, open: 0, rate: 0.8 }, weeks: [] },
  intensity: [{ at: "", day: "2026-10-01", before: 80, after: 50, count: 2 }],
  attendance: { attended: 5, cancelled: 1, no_show: 0, byType: { individual: 4, family_support: 1, group: 0 } },
  family: { sessions: 1, attendees: [], topics: [], otherTopics: [] },
} as const satisfies Partial<ProgressReportData>;

describe("the client's plain-language summary", () => {
  it("says what they did and how each check-in moved, in everyday words", () => {
    const change = computeChange({ pre: 25, post: 4, sd: 6, r: 0.85, direction: "higher_is_worse" });
    const summary = clientSummary({
      ...base,
      indicators: [{ url: "https://attune.health/fhir/Questionnaire/attune-numbness", title: "Emotional numbness check-in", version: "1", direction: "higher_is_worse", bands: [], min: 0, max: 32, baseline: score(25, "2026-08-02"), latest: score(4, "2026-11-20"), previous: score(6, "2026-11-13"), inPeriod: 12, change, rci: null, series: null, expected: null, notice: null }],
    });
    expect(summary.greetingName).toBe("Avery");
    expect(summary.did).toContain("You completed 8 exercises of the 10 suggested (2 of them a little later than planned).");
    expect(summary.did).toContain("You worked through 2 thought records. On average the feeling was 30 points less intense by the end of each one.");
    expect(summary.did).toContain("You came to 5 sessions.");
    expect(summary.checkins[0]).toBe(
      "Emotional numbness check-in, which asks how numb or far away from your feelings you have felt (lower means you are feeling more): from 25 when you started to 4 most recently. That is a clear change in a good direction.",
    );
    expect(summary.notice).toContain("not validated tests");
    expect(JSON.stringify(summary)).not.toMatch(/\bRCI\b|reliable change|deteriorat|\bband\b/i);
  });

  it("speaks the client's language: plurals, numbers, the check-in's translated title and the movement", () => {
    const change = computeChange({ pre: 25, post: 4, sd: 6, r: 0.85, direction: "higher_is_worse" });
    const numbness = { url: "https://attune.health/fhir/Questionnaire/attune-numbness", title: "Emotional numbness check-in", titles: { es: "Cuestionario de entumecimiento emocional", ar: "استبيان الخدر العاطفي" }, version: "1", direction: "higher_is_worse", bands: [], min: 0, max: 32, baseline: score(25, "2026-08-02"), latest: score(4.5, "2026-11-20"), previous: score(6, "2026-11-13"), inPeriod: 12, change, rci: null, series: null, expected: null, notice: null } satisfies ReportIndicator;
    const es = clientSummary({ ...base, indicators: [numbness] }, "es-MX");
    expect(es.language).toBe("es");
    expect(es.did).toContain("Completó 8 ejercicios de los 10 sugeridos (2 de ellos un poco más tarde de lo previsto).");
    expect(es.did).toContain("Asistió a 5 sesiones.");
    expect(es.did).toContain("Participó en 1 sesión familiar.");
    expect(es.checkins[0]).toBe(
      "Cuestionario de entumecimiento emocional, que pregunta cuán adormecido o lejos de sus sentimientos se ha sentido (más bajo significa que siente más): de 25 al empezar a 4,5 la última vez. Es un cambio claro en buena dirección.",
    );
    expect(es.period).toBe("1 sept 2026 – 30 nov 2026");
    const ar = clientSummary({ ...base, attendance: { ...base.attendance, attended: 2 }, indicators: [numbness] }, "ar");
    expect(ar.did).toContain("حضرت جلستين.");
    expect(ar.checkins[0]).toMatch(/^استبيان الخدر العاطفي، الذي يسأل عن /);
    expect(ar.checkins[0]).toContain("من 25 عندما بدأت إلى 4.5 في آخر مرة");
    // Nothing is left in English, in either language.
    for (const summary of [es, ar]) expect(JSON.stringify(summary)).not.toMatch(/\b(You|the|which|most recently|session)\b/);
    // An instrument the file does not translate keeps its own title.
    expect(clientSummary({ ...base, indicators: [{ ...numbness, titles: {} }] }, "es").checkins[0]).toMatch(/^Emotional numbness check-in, que pregunta/);
  });

  it("says plainly when there is nothing yet", () => {
    const summary = clientSummary({ ...base, adherence: { overall: { due: 0, done: 0, late: 0, missed: 0, open: 0, rate: null }, weeks: [] }, intensity: [], indicators: [] });
    expect(summary.did[0]).toBe("No exercises were suggested in this period.");
    expect(summary.checkins).toEqual(["There were no check-ins in this period."]);
  });
});
