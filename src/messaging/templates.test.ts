import { describe, expect, it } from "vitest";
import { messageKind } from "@/db/schema/messages";
import { initialsOf, renderMessage, type TemplateInputs } from "./templates";

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
const STAFF_ALERT_KINDS: readonly string[] = ["critical_alert", "deterioration_alert", "missed_alert", "weekly_summary"];
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
