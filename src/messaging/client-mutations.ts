import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { findVisibleClientId } from "@/clients/access";
import { messageRecipients, reminderConsents } from "@/db/schema/messages";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { loadContact } from "@/support-network/mutations";
import { messageClient, recipientSettings } from "./client-messages";
import { messagingSettingsSchema, sendLinkNowSchema } from "./client-schemas";
import { staffText } from "@/i18n/staff";

const mv = staffText("messagingValidation");

const clinical = ["counselor", "supervisor"] as const;
type ClientRef = { clientId: string };
const loadClient: ActionSpec<typeof sendLinkNowSchema, ClientRef, unknown>["load"] = async (db, actor, input) => {
  const clientId = await findVisibleClientId(db, actor, input.clientId);
  return clientId ? { clientId } : null;
};

type RecipientRef = ClientRef & { contactId: string | null };

/** The client, or one of their support contacts (not archived), the actor may see. */
const loadRecipient: ActionSpec<typeof messagingSettingsSchema, RecipientRef, unknown>["load"] = async (db, actor, input) => {
  if (input.contactId === null) {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    return clientId ? { clientId, contactId: null } : null;
  }
  const contact = await loadContact(db, actor, { clientId: input.clientId, contactId: input.contactId });
  return contact ? { clientId: contact.clientId, contactId: contact.contactId } : null;
};

export const saveMessagingSettingsSpec: ActionSpec<typeof messagingSettingsSchema, RecipientRef, { consentRecorded: boolean }> = {
  name: "messaging.settings",
  schema: messagingSettingsSchema,
  roles: clinical,
  load: loadRecipient as ActionSpec<typeof messagingSettingsSchema, RecipientRef, { consentRecorded: boolean }>["load"],
  audit: ({ record, input, result }) => ({
    action: "messaging.settings",
    entityType: record.contactId ? "support_contact" : "client",
    entityId: record.contactId ?? record.clientId,
    clientId: record.clientId,
    detail: { hasEmail: input.email !== null, timeZone: input.timeZone, preferredHour: input.preferredHour, ...(result.consentRecorded ? { consent: input.consent } : {}) },
  }),
};

/**
 * The address, time zone and preferred hour of the client or of one of their support people (for
 * that person's own check-ins and family exercises); a consent given or withdrawn is a new record.
 */
export const saveMessagingSettings: Handler<typeof messagingSettingsSchema, RecipientRef, { consentRecorded: boolean }> = async ({ db, actor, input, record }) => {
  const now = new Date();
  const existing = await recipientSettings(db, actor.organisationId, record.clientId, record.contactId);
  let recipientId = existing?.id;
  if (recipientId) {
    await db
      .update(messageRecipients)
      .set({ email: input.email, timeZone: input.timeZone, preferredHour: input.preferredHour, updatedAt: now })
      .where(
        and(
          eq(messageRecipients.id, recipientId),
          eq(messageRecipients.organisationId, actor.organisationId),
          record.contactId === null ? isNull(messageRecipients.contactId) : eq(messageRecipients.contactId, record.contactId),
        ),
      );
  } else {
    const [row] = await db
      .insert(messageRecipients)
      .values({ organisationId: actor.organisationId, clientId: record.clientId, contactId: record.contactId, email: input.email, timeZone: input.timeZone, preferredHour: input.preferredHour, updatedAt: now })
      .returning({ id: messageRecipients.id });
    recipientId = row!.id;
  }
  if (input.consent === "granted" && !input.email) throw new ActionRefused(mv("addEmailBeforeConsent"), { email: [mv("addEmail")] });
  const current = existing?.consent?.granted ?? null;
  const wanted = input.consent === "unchanged" ? current : input.consent === "granted";
  if (wanted === current || wanted === null) return { consentRecorded: false };
  await db.insert(reminderConsents).values({ organisationId: actor.organisationId, recipientId, channel: "email", granted: wanted, recordedBy: actor.userId, source: "counselor", recordedAt: now });
  return { consentRecorded: true };
};

export const sendLinkNowSpec: ActionSpec<typeof sendLinkNowSchema, ClientRef, { messageId: string; state: string }> = {
  name: "messaging.send_link",
  schema: sendLinkNowSchema,
  roles: clinical,
  load: loadClient,
  audit: ({ record, result }) => ({ action: "messaging.send_link", entityType: "message", entityId: result.messageId, clientId: record.clientId, detail: { state: result.state } }),
};

/** Emails the client a new private link now (still only with consent, still never in quiet hours). */
export const sendLinkNow: Handler<typeof sendLinkNowSchema, ClientRef, { messageId: string; state: string }> = async ({ db, actor, record }) => {
  const sent = await messageClient(db, {
    organisationId: actor.organisationId,
    clientId: record.clientId,
    contactId: null,
    kind: "portal_link",
    jobKey: `link-now:${randomUUID()}`,
    actor: { kind: "user", userId: actor.userId },
    linkCreatedBy: actor.userId,
  });
  if (!sent) throw new ActionRefused(mv("addClientEmailFirst"));
  return { messageId: sent.id, state: sent.state };
};
