import type { MessageKind } from "@/db/schema/messages";

/**
 * Every message Attune sends, as text and HTML. The rule for all of them: nothing clinical. No
 * instrument, exercise, programme or client name, no score, no diagnosis, and for messages to a
 * client or a support person nothing that says the person is in care here (42 CFR Part 2 treats
 * that as a disclosure). A template therefore takes only what it needs: a link, a date, the
 * sign-off the organisation chose, and for counselor alerts the client's initials.
 * templates.test.ts renders each one with a sample full of clinical words and checks for them.
 */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** The sign-off on messages to clients and support people, unless the organisation sets another. */
export const DEFAULT_SIGNATURE = "The team";

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
}

/** One plain layout: readable as text, and as HTML without images, scripts or tracking. */
function compose(parts: Parts): RenderedMessage {
  const textLines = [...parts.paragraphs, "", `${parts.action.label}: ${parts.action.link}`, ...(parts.after?.length ? ["", ...parts.after] : [])];
  if (parts.unsubscribeLink) textLines.push("", `To stop these emails: ${parts.unsubscribeLink}`);
  const p = (s: string) => `<p style="margin:0 0 14px">${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;max-width:560px;margin:0 auto;padding:16px">',
    ...parts.paragraphs.filter((s) => s !== "").map(p),
    `<p style="margin:20px 0"><a href="${escapeHtml(parts.action.link)}" style="display:inline-block;background:#1f4e5f;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(parts.action.label)}</a></p>`,
    `<p style="margin:0 0 14px;font-size:13px;color:#52606d">If the button does not work, copy this address into your browser: ${escapeHtml(parts.action.link)}</p>`,
    ...(parts.after ?? []).filter((s) => s !== "").map(p),
    parts.unsubscribeLink
      ? `<p style="margin:24px 0 0;font-size:13px;color:#52606d"><a href="${escapeHtml(parts.unsubscribeLink)}" style="color:#52606d">Stop these emails</a></p>`
      : "",
    "</body></html>",
  ].join("");
  return { subject: parts.subject, text: textLines.join("\n") + "\n", html };
}

const templates: { [K in MessageKind]: (input: TemplateInputs[K]) => RenderedMessage } = {
  staff_invitation: (input) =>
    compose({
      subject: `You are invited to ${input.organisationName} on Attune`,
      paragraphs: [`You have been invited to join ${input.organisationName} on Attune.`, "Choose a password to set up your account."],
      action: { label: "Set up your account", link: input.link },
      after: [`This link works once, until ${formatWhen(input.expiresAt)}. If you did not expect it, you can ignore this email.`],
    }),
  password_reset: (input) =>
    compose({
      subject: "Reset your Attune password",
      paragraphs: ["An administrator started a password reset for your Attune account."],
      action: { label: "Choose a new password", link: input.link },
      after: [`This link works once, until ${formatWhen(input.expiresAt)}. If you did not ask for it, tell your administrator.`],
    }),
  portal_link: (input) =>
    compose({
      subject: "Your private link",
      paragraphs: ["Here is your private link. Keep it to yourself: anyone with it can open your page."],
      action: { label: "Open your page", link: input.link },
      after: [`— ${input.signature ?? DEFAULT_SIGNATURE}`],
      unsubscribeLink: input.unsubscribeLink,
    }),
  something_new: (input) =>
    compose({
      subject: "Something new is waiting for you",
      paragraphs: ["There is something new for you on your private page."],
      action: { label: "Open your page", link: input.link },
      after: [`— ${input.signature ?? DEFAULT_SIGNATURE}`],
      unsubscribeLink: input.unsubscribeLink,
    }),
  reminder_expiring: (input) =>
    compose({
      subject: "A reminder: something is still waiting for you",
      paragraphs: ["Something on your private page is still waiting for you, and it closes soon."],
      action: { label: "Open your page", link: input.link },
      after: [`— ${input.signature ?? DEFAULT_SIGNATURE}`],
      unsubscribeLink: input.unsubscribeLink,
    }),
  critical_alert: (input) =>
    compose({
      subject: `An answer needs your review (${input.initials})`,
      paragraphs: [`A check-in answer from the client with the initials ${input.initials} needs your review.`, "Sign in to see it."],
      action: { label: "Sign in to review", link: input.link },
    }),
  deterioration_alert: (input) =>
    compose({
      subject: `A client may need a closer look (${input.initials})`,
      paragraphs: [`Recent results for the client with the initials ${input.initials} changed for the worse by more than chance would explain.`, "Sign in to see them."],
      action: { label: "Sign in to review", link: input.link },
      after: ["You can choose which alerts you receive on your profile page."],
    }),
  missed_alert: (input) =>
    compose({
      subject: `Due items missed in a row (${input.initials})`,
      paragraphs: [`The client with the initials ${input.initials} has missed several due items in a row.`, "Sign in to see which."],
      action: { label: "Sign in to review", link: input.link },
      after: ["You can choose which alerts you receive on your profile page."],
    }),
  weekly_summary: (input) =>
    compose({
      subject: `Your week in Attune, ${input.from} to ${input.to}`,
      paragraphs: [
        `Your caseload from ${input.from} to ${input.to}:`,
        `${input.clientsInCare} ${input.clientsInCare === 1 ? "person" : "people"} in care on your caseload.`,
        `${input.checkinsCompleted} ${input.checkinsCompleted === 1 ? "questionnaire" : "questionnaires"} and ${input.exercisesCompleted} ${input.exercisesCompleted === 1 ? "exercise" : "exercises"} completed.`,
        `${input.answersAwaitingReview} ${input.answersAwaitingReview === 1 ? "answer is" : "answers are"} waiting for your review.`,
      ],
      action: { label: "Sign in to your caseload", link: input.link },
      after: ["You asked for this summary on your profile page, where you can stop it."],
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
