import type { MessageKind } from "@/db/schema/messages";
import { directionOf, resolveLanguage } from "@/i18n/catalog";
import { staffText } from "@/i18n/staff";
import { translator } from "@/i18n/translate";

/** Messages to staff: English, like the staff screens, from the same file (messages/staff/en.json). */
const s = staffText("staffEmail");

/**
 * Every message Attune sends, as text and HTML. The rule for all of them: nothing clinical. No
 * instrument, exercise, programme or client name, no score, no diagnosis, and for messages to a
 * client or a support person nothing that says the person is in care here (42 CFR Part 2 treats
 * that as a disclosure). A template therefore takes only what it needs: a link, a date, the
 * sign-off the organisation chose, and for counselor alerts the client's initials.
 * templates.test.ts renders each one with a sample full of clinical words and checks for them.
 * Messages to clients and support people are in the recipient's language (the `email` namespace
 * of messages/<language>.json); messages to staff are English, like the counselor screens.
 */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** The sign-off on messages to clients and support people, unless the organisation sets another. */
export const DEFAULT_SIGNATURE = translator("en", "email")("signature");

export interface StaffInvitationInput {
  link: string;
  expiresAt: Date;
  organisationName: string;
}
export interface PasswordResetInput {
  link: string;
  expiresAt: Date;
}
export interface ClientLinkInput {
  link: string;
  signature?: string;
  unsubscribeLink?: string;
  /** The recipient's preferred language (resolved to a shipped one; English when absent). */
  language?: string | null;
}
export interface CriticalAlertInput {
  initials: string;
  link: string;
}

/** The weekly summary: counts over the counselor's own caseload, never a name or a score. */
export interface WeeklySummaryInput {
  /** The first day of the week summarised (YYYY-MM-DD) and its last. */
  from: string;
  to: string;
  clientsInCare: number;
  checkinsCompleted: number;
  exercisesCompleted: number;
  answersAwaitingReview: number;
  link: string;
}

export interface TemplateInputs {
  staff_invitation: StaffInvitationInput;
  password_reset: PasswordResetInput;
  portal_link: ClientLinkInput;
  something_new: ClientLinkInput;
  critical_alert: CriticalAlertInput;
  reminder_expiring: ClientLinkInput;
  deterioration_alert: CriticalAlertInput;
  missed_alert: CriticalAlertInput;
  not_on_track_alert: CriticalAlertInput;
  weekly_summary: WeeklySummaryInput;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function formatWhen(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

interface Parts {
  subject: string;
  paragraphs: string[];
  action: { label: string; link: string };
  after?: string[];
  unsubscribeLink?: string;
  /** The shipped language the words are in: sets the layout's own words, `lang` and `dir`. */
  language?: string;
}

/** One plain layout: readable as text, and as HTML without images, scripts or tracking. */
function compose(parts: Parts): RenderedMessage {
  const language = resolveLanguage(parts.language);
  const t = translator(language, "email");
  const textLines = [...parts.paragraphs, "", `${parts.action.label}: ${parts.action.link}`, ...(parts.after?.length ? ["", ...parts.after] : [])];
  if (parts.unsubscribeLink) textLines.push("", t("toStop", { link: parts.unsubscribeLink }));
  const p = (s: string) => `<p style="margin:0 0 14px">${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${language}" dir="${directionOf(language)}"><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;max-width:560px;margin:0 auto;padding:16px">`,
    ...parts.paragraphs.filter((s) => s !== "").map(p),
    `<p style="margin:20px 0"><a href="${escapeHtml(parts.action.link)}" style="display:inline-block;background:#1f4e5f;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(parts.action.label)}</a></p>`,
    `<p style="margin:0 0 14px;font-size:13px;color:#52606d">${escapeHtml(t("buttonFallback", { link: parts.action.link }))}</p>`,
    ...(parts.after ?? []).filter((s) => s !== "").map(p),
    parts.unsubscribeLink
      ? `<p style="margin:24px 0 0;font-size:13px;color:#52606d"><a href="${escapeHtml(parts.unsubscribeLink)}" style="color:#52606d">${escapeHtml(t("stopEmails"))}</a></p>`
      : "",
    "</body></html>",
  ].join("");
  return { subject: parts.subject, text: textLines.join("\n") + "\n", html };
}

/** A message to a client or support person, in their language: a line, their link, the sign-off. */
function clientMessage(key: "portalLink" | "somethingNew" | "reminderExpiring", input: ClientLinkInput): RenderedMessage {
  const language = resolveLanguage(input.language);
  const t = translator(language, "email");
  return compose({
    subject: t(`${key}.subject`),
    paragraphs: [t(`${key}.body`)],
    action: { label: t("openPage"), link: input.link },
    after: [`— ${input.signature ?? t("signature")}`],
    unsubscribeLink: input.unsubscribeLink,
    language,
  });
}

const templates: { [K in MessageKind]: (input: TemplateInputs[K]) => RenderedMessage } = {
  staff_invitation: (input) =>
    compose({
      subject: s("inviteSubject", { organisation: input.organisationName }),
      paragraphs: [s("inviteBody", { organisation: input.organisationName }), s("inviteChoosePassword")],
      action: { label: s("inviteAction"), link: input.link },
      after: [s("inviteAfter", { until: formatWhen(input.expiresAt) })],
    }),
  password_reset: (input) =>
    compose({
      subject: s("resetSubject"),
      paragraphs: [s("resetBody")],
      action: { label: s("resetAction"), link: input.link },
      after: [s("resetAfter", { until: formatWhen(input.expiresAt) })],
    }),
  portal_link: (input) => clientMessage("portalLink", input),
  something_new: (input) => clientMessage("somethingNew", input),
  reminder_expiring: (input) => clientMessage("reminderExpiring", input),
  critical_alert: (input) =>
    compose({
      subject: s("criticalSubject", { initials: input.initials }),
      paragraphs: [s("criticalBody", { initials: input.initials }), s("signInToSeeIt")],
      action: { label: s("signInToReview"), link: input.link },
    }),
  deterioration_alert: (input) =>
    compose({
      subject: s("deteriorationSubject", { initials: input.initials }),
      paragraphs: [s("deteriorationBody", { initials: input.initials }), s("signInToSeeThem")],
      action: { label: s("signInToReview"), link: input.link },
      after: [s("chooseAlerts")],
    }),
  missed_alert: (input) =>
    compose({
      subject: s("missedSubject", { initials: input.initials }),
      paragraphs: [s("missedBody", { initials: input.initials }), s("signInToSeeWhich")],
      action: { label: s("signInToReview"), link: input.link },
      after: [s("chooseAlerts")],
    }),
  not_on_track_alert: (input) =>
    compose({
      subject: s("notOnTrackSubject", { initials: input.initials }),
      paragraphs: [s("notOnTrackBody", { initials: input.initials }), s("signInToSeeMore")],
      action: { label: s("signInToReview"), link: input.link },
      after: [s("chooseAlerts")],
    }),
  weekly_summary: (input) =>
    compose({
      subject: s("weeklySubject", { from: input.from, to: input.to }),
      paragraphs: [
        s("weeklyIntro", { from: input.from, to: input.to }),
        s("weeklyInCare", { count: input.clientsInCare, n: String(input.clientsInCare) }),
        s("weeklyCompleted", { checkins: input.checkinsCompleted, checkinsN: String(input.checkinsCompleted), exercises: input.exercisesCompleted, exercisesN: String(input.exercisesCompleted) }),
        s("weeklyAwaiting", { count: input.answersAwaitingReview, n: String(input.answersAwaitingReview) }),
      ],
      action: { label: s("weeklyAction"), link: input.link },
      after: [s("weeklyAfter")],
    }),
};

export function renderMessage<K extends MessageKind>(kind: K, input: TemplateInputs[K]): RenderedMessage {
  return templates[kind](input);
}

/** Kinds that go to clients and support people: these carry the one-click unsubscribe headers. */
export const CLIENT_FACING_KINDS: readonly MessageKind[] = ["portal_link", "something_new", "reminder_expiring"];

/** "Avery Quinn" → "A.Q."; only the first letters of the first and last words. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const letters = words.length === 1 ? [words[0]!] : [words[0]!, words[words.length - 1]!];
  return letters.map((w) => `${Array.from(w)[0]!.toUpperCase()}.`).join("");
}
