import { describe, expect, it } from "vitest";
import { messageKind } from "@/db/schema/messages";
import { shippedLanguages } from "@/i18n/catalog";
import { CLIENT_FACING_KINDS, initialsOf, renderMessage, type TemplateInputs } from "./templates";

/**
 * The sample a template is rendered with carries every clinical field a careless template could
 * reach for; none of it may appear in what is sent.
 */
const clinical = {
  clientName: "Avery Quinn",
  preferredName: "Quinnie",
  recordNumber: "MRN-20931",
  instrument: "Emotional numbness check-in",
  exercise: "Thought record",
  programme: "Trauma recovery programme",
  score: 37,
  band: "Severe",
  diagnosis: "post-traumatic stress",
};

const forbidden = [
  ...Object.values(clinical).map(String),
  "numbness",
  "check-in",
  "thought record",
  "score",
  "trauma",
  "substance",
  "addiction",
  "treatment",
  "recovery",
  "therapy",
  "counsel",
  "diagnos",
];
// The same clinical words in the other shipped languages: a translated message may not use them either.
const forbiddenIn: Record<string, string[]> = {
  es: ["registro de pensamientos", "entumecimiento", "cuestionario", "puntuaci", "trauma", "sustancia", "adicci", "tratamiento", "recuperaci", "terapia", "consejer", "diagn"],
  ar: ["سجل الأفكار", "خدر", "استبيان", "درجة", "صدمة", "مواد", "إدمان", "علاج", "تعافي", "مرشد", "تشخيص"],
};

const STAFF_ALERT_KINDS: readonly string[] = ["critical_alert", "deterioration_alert", "missed_alert", "not_on_track_alert", "weekly_summary"];
const forbiddenForStaffAlerts = forbidden.filter((word) => word !== "check-in");

const samples: { [K in keyof TemplateInputs]: TemplateInputs[K] & typeof clinical } = {
  staff_invitation: { ...clinical, link: "https://app.example/invite/abc", expiresAt: new Date("2026-12-14T12:00:00Z"), organisationName: "Northside" },
  password_reset: { ...clinical, link: "https://app.example/reset/abc", expiresAt: new Date("2026-12-08T12:00:00Z") },
  portal_link: { ...clinical, link: "https://app.example/p/abc", unsubscribeLink: "https://app.example/unsubscribe/xyz" },
  something_new: { ...clinical, link: "https://app.example/p/abc", unsubscribeLink: "https://app.example/unsubscribe/xyz" },
  reminder_expiring: { ...clinical, link: "https://app.example/p/abc", unsubscribeLink: "https://app.example/unsubscribe/xyz" },
  critical_alert: { ...clinical, initials: initialsOf(clinical.clientName), link: "https://app.example/clients/1" },
  deterioration_alert: { ...clinical, initials: initialsOf(clinical.clientName), link: "https://app.example/clients/1" },
  missed_alert: { ...clinical, initials: initialsOf(clinical.clientName), link: "https://app.example/clients/1" },
  not_on_track_alert: { ...clinical, initials: initialsOf(clinical.clientName), link: "https://app.example/clients/1/trends" },
  weekly_summary: { ...clinical, from: "2026-11-30", to: "2026-12-06", clientsInCare: 14, checkinsCompleted: 9, exercisesCompleted: 23, answersAwaitingReview: 1, link: "https://app.example/caseload" },
};

describe("message templates", () => {
  for (const kind of messageKind.enumValues) {
    it(`${kind}: text and HTML carry the link and nothing clinical`, () => {
      const message = renderMessage(kind, samples[kind] as never);
      const whole = `${message.subject}\n${message.text}\n${message.html}`.toLowerCase();
      // A counselor alert may say that it is about a check-in answer, never which one or what it was.
      for (const word of STAFF_ALERT_KINDS.includes(kind) ? forbiddenForStaffAlerts : forbidden) expect(whole, `${kind} contains "${word}"`).not.toContain(word.toLowerCase());
      expect(message.text).toContain(samples[kind].link);
      expect(message.html).toContain(`href="${samples[kind].link}"`);
      expect(message.html).not.toMatch(/<script|<img/i);
    });
  }

  for (const { code, direction } of shippedLanguages()) {
    for (const kind of CLIENT_FACING_KINDS) {
      it(`${kind} in ${code}: the recipient's language, with the link and nothing clinical`, () => {
        const sample = samples[kind as "something_new"];
        const message = renderMessage(kind as "something_new", { ...sample, language: code });
        const english = renderMessage(kind as "something_new", sample);
        const whole = `${message.subject}\n${message.text}\n${message.html}`.toLowerCase();
        for (const word of [...forbidden, ...(forbiddenIn[code] ?? [])]) expect(whole, `${kind}/${code} contains "${word}"`).not.toContain(word.toLowerCase());
        expect(message.text).toContain(sample.link);
        expect(message.text).toContain(sample.unsubscribeLink);
        expect(message.html).toContain(`href="${sample.link}"`);
        expect(message.html).toContain(`<html lang="${code}" dir="${direction}">`);
        if (code !== "en") {
          // Every sentence is the language's own: no line of the English message is left.
          for (const line of english.text.split("\n").filter((l) => /[a-z]{3}/i.test(l.replace(/https?:\S+/g, "")))) expect(message.text, `${kind}/${code} keeps "${line}"`).not.toContain(line);
          expect(message.subject).not.toBe(english.subject);
        }
      });
    }
  }

  it("a language that is not shipped falls back to its base, then to English", () => {
    expect(renderMessage("something_new", { ...samples.something_new, language: "es-MX" }).subject).toBe(renderMessage("something_new", { ...samples.something_new, language: "es" }).subject);
    expect(renderMessage("something_new", { ...samples.something_new, language: "xx" }).subject).toBe("Something new is waiting for you");
  });

  it("counselor alerts carry initials only", () => {
    const message = renderMessage("critical_alert", samples.critical_alert);
    expect(message.subject).toContain("A.Q.");
    expect(initialsOf("  maría   de la Cruz ")).toBe("M.C.");
  });

  it("the weekly summary is counts and a sign-in link: no initials, no names", () => {
    const message = renderMessage("weekly_summary", samples.weekly_summary);
    expect(message.text).toContain("14 people in care on your caseload");
    expect(message.text).toContain("9 questionnaires and 23 exercises completed");
    expect(message.text).toContain("1 answer is waiting");
    expect(message.text).not.toMatch(/A\.Q\./);
  });

  it("client messages carry the one-click unsubscribe link", () => {
    const message = renderMessage("something_new", samples.something_new);
    expect(message.text).toContain("https://app.example/unsubscribe/xyz");
  });

  it("escapes what it puts into HTML", () => {
    const message = renderMessage("staff_invitation", { ...samples.staff_invitation, organisationName: "<b>North</b>" });
    expect(message.html).toContain("&lt;b&gt;North&lt;/b&gt;");
  });
});
