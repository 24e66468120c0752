import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { findVisibleClientId } from "@/clients/access";
import { messageRecipients, reminderConsents } from "@/db/schema/messages";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { messageClient, recipientSettings } from "./client-messages";
import { messagingSettingsSchema, sendLinkNowSchema } from "./client-schemas";

const clinical = ["counselor", "supervisor"] as const;
type ClientRef = { clientId: string };
const loadClient: ActionSpec<typeof sendLinkNowSchema, ClientRef, unknown>["load"] = async (db, actor, input) => {
  const clientId = await findVisibleClientId(db, actor, input.clientId);
  return clientId ? { clientId } : null;
};

export const saveMessagingSettingsSpec: ActionSpec<typeof messagingSettingsSchema, ClientRef, { consentRecorded: boolean }> = {
  name: "messaging.settings",
  schema: messagingSettingsSchema,
  roles: clinical,
  load: loadClient as ActionSpec<typeof messagingSettingsSchema, ClientRef, { consentRecorded: boolean }>["load"],
  audit: ({ record, input, result }) => ({
    action: "messaging.settings",
    entityType: "client",
    entityId: record.clientId,
    clientId: record.clientId,
    detail: { hasEmail: input.email !== null, timeZone: input.timeZone, preferredHour: input.preferredHour, ...(result.consentRecorded ? { consent: input.consent } : {}) },
  }),
};

/** The client's address, time zone and preferred hour; a consent given or withdrawn is a new record. */
export const saveMessagingSettings: Handler<typeof messagingSettingsSchema, ClientRef, { consentRecorded: boolean }> = async ({ db, actor, input, record }) => {
  const now = new Date();
  const existing = await recipientSettings(db, actor.organisationId, record.clientId, null);
  let recipientId = existing?.id;
  if (recipientId) {
    await db
      .update(messageRecipients)
      .set({ email: input.email, timeZone: input.timeZone, preferredHour: input.preferredHour, updatedAt: now })
      .where(and(eq(messageRecipients.id, recipientId), eq(messageRecipients.organisationId, actor.organisationId), isNull(messageRecipients.contactId)));
  } else {
    const [row] = await db
      .insert(messageRecipients)
      .values({ organisationId: actor.organisationId, clientId: record.clientId, contactId: null, email: input.email, timeZone: input.timeZone, preferredHour: input.preferredHour, updatedAt: now })
      .returning({ id: messageRecipients.id });
    recipientId = row!.id;
  }
  if (input.consent === "granted" && !input.email) throw new ActionRefused("Add an email address before recording consent to reminders.", { email: ["Add an email address."] });
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
  if (!sent) throw new ActionRefused("Add the client's email address first.");
  return { messageId: sent.id, state: sent.state };
};
