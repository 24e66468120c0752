import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clients } from "@/db/schema";
import { messageRecipients, messages, reminderConsents, type MessageKind } from "@/db/schema/messages";
import { appBaseUrl, DEFAULT_FROM } from "@/messaging/config";
import { initialsOf, renderMessage, type RenderedMessage } from "@/messaging/templates";
import type { SeededClient } from "./demo-clients";
import { DEMO_ORGANISATION } from "./demo-users";

/**
 * Email for the demo: three of counselor@'s active clients have an address (at example.com,
 * which never receives mail) and consent to reminders, and the outbox holds one message of each
 * kind, as an administrator would find it with no SMTP server configured. The outbox samples'
 * links are examples, not working links.
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
  await db.insert(reminderConsents).values(recipients.map((r) => ({ organisationId, recipientId: r.id, channel: "email", granted: true, recordedBy: counselorId, source: "counselor" })));

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
  await db.insert(messages).values([
    sample("staff_invitation", "new.colleague@example.com", renderMessage("staff_invitation", { link: `${base}/invite/example-link-not-valid`, expiresAt, organisationName: DEMO_ORGANISATION })),
    sample("password_reset", "counselor3@attune.demo", renderMessage("password_reset", { link: `${base}/reset/example-link-not-valid`, expiresAt })),
    sample("portal_link", first.email!, renderMessage("portal_link", { link: `${base}/p/example-link-not-valid`, unsubscribeLink: `${base}/unsubscribe/example-link-not-valid` }), { clientId: first.clientId, recipientId: first.id }),
    sample("something_new", first.email!, renderMessage("something_new", { link: `${base}/p/example-link-not-valid`, unsubscribeLink: `${base}/unsubscribe/example-link-not-valid` }), { clientId: first.clientId, recipientId: first.id }),
    sample("critical_alert", "counselor@attune.demo", renderMessage("critical_alert", { initials: initialsOf(names.get(first.clientId)!), link: `${base}/clients/${first.clientId}` }), { clientId: first.clientId, userId: counselorId }),
  ]);
}
