import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clients, supportContacts } from "@/db/schema";
import { messageRecipients, messages, reminderConsents, type MessageKind } from "@/db/schema/messages";
import { appBaseUrl, DEFAULT_FROM } from "@/messaging/config";
import { addDays, localDateOf, startOfWeek } from "@/lib/local-date";
import { initialsOf, renderMessage, type RenderedMessage } from "@/messaging/templates";
import type { SeededClient } from "./demo-clients";
import { DEMO_ORGANISATION } from "./demo-users";

/**
 * Email for the demo: three of counselor@'s active clients and the demo's family member (Marisol
 * Abbott, for her own family check-in and exercise) have an address (at example.com, which never
 * receives mail) and consent to reminders, and the outbox holds one message of each kind, as an
 * administrator would find it with no SMTP server configured. The outbox samples' links are
 * examples, not working links.
 */
export async function seedDemoMessages(db: Db, organisationId: string, seeded: SeededClient[], userIds: Map<string, string>): Promise<void> {
  const counselorId = userIds.get("counselor")!;
  const chosen = seeded.filter((c) => c.counselorKey === "counselor" && c.status === "active").slice(0, 3);
  if (chosen.length === 0) return;
  const names = new Map((await db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, chosen.map((c) => c.id)))).map((r) => [r.id, r.name]));
  const recipients = await db
    .insert(messageRecipients)
    .values(chosen.map((c) => ({ organisationId, clientId: c.id, email: `${names.get(c.id)!.split(" ")[0]!.toLowerCase()}@example.com`, timeZone: c.timeZone, preferredHour: 9 })))
    .returning({ id: messageRecipients.id, clientId: messageRecipients.clientId, email: messageRecipients.email });
  const [marisol] = await db
    .select({ id: supportContacts.id, clientId: supportContacts.clientId, timeZone: clients.timeZone })
    .from(supportContacts)
    .innerJoin(clients, eq(clients.id, supportContacts.clientId))
    .where(and(eq(supportContacts.organisationId, organisationId), eq(supportContacts.name, "Marisol Abbott")));
  const family = marisol
    ? await db
        .insert(messageRecipients)
        .values({ organisationId, clientId: marisol.clientId, contactId: marisol.id, email: "marisol@example.com", timeZone: marisol.timeZone, preferredHour: 19 })
        .returning({ id: messageRecipients.id })
    : [];
  await db.insert(reminderConsents).values([...recipients, ...family].map((r) => ({ organisationId, recipientId: r.id, channel: "email", granted: true, recordedBy: counselorId, source: "counselor" })));

  const base = appBaseUrl();
  const first = recipients[0]!;
  const at = new Date();
  const sample = (kind: MessageKind, to: string, content: RenderedMessage, extra: Partial<typeof messages.$inferInsert> = {}) => ({
    organisationId,
    jobKey: `demo:${kind}`,
    kind,
    sender: DEFAULT_FROM,
    recipient: to,
    subject: content.subject,
    bodyText: content.text,
    bodyHtml: content.html,
    state: "outbox" as const,
    attempts: 1,
    sendAfter: at,
    createdAt: at,
    sentAt: at,
    updatedAt: at,
    ...extra,
  });
  const expiresAt = new Date(at.getTime() + 7 * 86_400_000);
  const clientLink = { link: `${base}/p/example-link-not-valid`, unsubscribeLink: `${base}/unsubscribe/example-link-not-valid` };
  const toClient = { clientId: first.clientId, recipientId: first.id };
  const alert = { initials: initialsOf(names.get(first.clientId)!), link: `${base}/clients/${first.clientId}` };
  const toCounselor = { clientId: first.clientId, userId: counselorId };
  const lastMonday = startOfWeek(localDateOf(at, "UTC"), 1);
  // One of every kind: a kind added without a sample here does not compile.
  const samples: { [K in MessageKind]: ReturnType<typeof sample> } = {
    staff_invitation: sample("staff_invitation", "new.colleague@example.com", renderMessage("staff_invitation", { link: `${base}/invite/example-link-not-valid`, expiresAt, organisationName: DEMO_ORGANISATION })),
    password_reset: sample("password_reset", "counselor3@attune.demo", renderMessage("password_reset", { link: `${base}/reset/example-link-not-valid`, expiresAt })),
    portal_link: sample("portal_link", first.email!, renderMessage("portal_link", clientLink), toClient),
    something_new: sample("something_new", first.email!, renderMessage("something_new", clientLink), toClient),
    reminder_expiring: sample("reminder_expiring", first.email!, renderMessage("reminder_expiring", clientLink), toClient),
    critical_alert: sample("critical_alert", "counselor@attune.demo", renderMessage("critical_alert", alert), toCounselor),
    deterioration_alert: sample("deterioration_alert", "counselor@attune.demo", renderMessage("deterioration_alert", alert), toCounselor),
    missed_alert: sample("missed_alert", "counselor@attune.demo", renderMessage("missed_alert", alert), toCounselor),
    not_on_track_alert: sample("not_on_track_alert", "counselor@attune.demo", renderMessage("not_on_track_alert", { ...alert, link: `${base}/clients/${first.clientId}/trends` }), toCounselor),
    weekly_summary: sample(
      "weekly_summary",
      "counselor@attune.demo",
      renderMessage("weekly_summary", { from: addDays(lastMonday, -7), to: addDays(lastMonday, -1), clientsInCare: 18, checkinsCompleted: 12, exercisesCompleted: 31, answersAwaitingReview: 1, link: `${base}/caseload` }),
      { userId: counselorId },
    ),
  };
  await db.insert(messages).values(Object.values(samples));
}
