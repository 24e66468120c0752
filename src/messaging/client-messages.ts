import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clients, portalLinks, supportContacts } from "@/db/schema";
import { messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { resolveLanguage } from "@/i18n/catalog";
import { hashToken, newPortalToken, PORTAL_LINK_DAYS } from "@/portal/tokens";
import { appBaseUrl } from "./config";
import { primaryCounselorOf } from "./counselor-alerts";
import { enqueueMessage, newUnsubscribeToken, type EnqueueInput } from "./enqueue";
import { messageSettingsOf } from "./org-settings";
import { localParts, nextSendTime } from "./quiet-hours";
import { initialsOf, renderMessage } from "./templates";

export interface RecipientSettings {
  id: string;
  email: string | null;
  timeZone: string;
  preferredHour: number;
  consent: { granted: boolean; recordedAt: Date; source: string } | null;
}

/** The client's own settings (contactId null) or a support contact's, with the consent in force. */
export async function recipientSettings(db: Db, organisationId: string, clientId: string, contactId: string | null): Promise<RecipientSettings | null> {
  const [row] = await db
    .select({ id: messageRecipients.id, email: messageRecipients.email, timeZone: messageRecipients.timeZone, preferredHour: messageRecipients.preferredHour })
    .from(messageRecipients)
    .where(
      and(
        eq(messageRecipients.organisationId, organisationId),
        eq(messageRecipients.clientId, clientId),
        contactId === null ? isNull(messageRecipients.contactId) : eq(messageRecipients.contactId, contactId),
      ),
    )
    .limit(1);
  if (!row) return null;
  const [consent] = await db
    .select({ granted: reminderConsents.granted, recordedAt: reminderConsents.recordedAt, source: reminderConsents.source })
    .from(reminderConsents)
    .where(and(eq(reminderConsents.recipientId, row.id), eq(reminderConsents.channel, "email")))
    .orderBy(desc(reminderConsents.recordedAt), desc(reminderConsents.id))
    .limit(1);
  return { ...row, consent: consent ?? null };
}

/** The language a client's (contactId null) or a support contact's messages are written in: their own, else the client's. */
export async function recipientLanguage(db: Db, organisationId: string, clientId: string, contactId: string | null): Promise<string> {
  const [row] = await db
    .select({ language: sql<string>`coalesce(${supportContacts.language}, ${clients.language})` })
    .from(clients)
    .leftJoin(supportContacts, and(eq(supportContacts.clientId, clients.id), contactId === null ? sql`false` : eq(supportContacts.id, contactId)))
    .where(and(eq(clients.id, clientId), eq(clients.organisationId, organisationId)))
    .limit(1);
  return resolveLanguage(row?.language);
}

type Actor = EnqueueInput["actor"] & { userId?: string | null };

/**
 * A message to a client or support person with their private link: "something new" when work is
 * assigned, or the link itself when a counselor sends it. Only to an address on file with consent
 * in force (otherwise recorded as not sent, with the reason), never in quiet hours (deferred to
 * the person's preferred hour; quiet hours and the sign-off are the organisation's). Each message carries a new private link and a one-click
 * unsubscribe link; the job key makes a second call for the same thing a no-op.
 */
export async function messageClient(
  db: Db,
  args: { organisationId: string; clientId: string; contactId: string | null; kind: "something_new" | "portal_link" | "reminder_expiring"; jobKey: string; actor: Actor; linkCreatedBy: string; now?: Date },
): Promise<{ id: string; state: "queued" | "deferred" | "suppressed"; created: boolean } | null> {
  // Two callers for the same thing at once (two workers' scans) take turns here, so the second
  // finds the first's message and issues no private link of its own. Held until the caller's
  // transaction ends.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`message:${args.jobKey}`}))`);
  // Asked again for the same thing: nothing new, and no second private link issued for it.
  const [existing] = await db.select({ id: messages.id, state: messages.state }).from(messages).where(eq(messages.jobKey, args.jobKey)).limit(1);
  if (existing) return { id: existing.id, state: existing.state === "suppressed" ? "suppressed" : "queued", created: false };
  const settings = await recipientSettings(db, args.organisationId, args.clientId, args.contactId);
  if (!settings?.email) return null;
  const now = args.now ?? new Date();
  const base = appBaseUrl();
  const language = await recipientLanguage(db, args.organisationId, args.clientId, args.contactId);
  const org = await messageSettingsOf(db, args.organisationId);
  const common = { organisationId: args.organisationId, jobKey: args.jobKey, kind: args.kind, to: settings.email, clientId: args.clientId, recipientId: settings.id, actor: args.actor };
  if (!settings.consent?.granted) {
    const placeholder = renderMessage(args.kind, { link: `${base}/p/…`, language, signature: org.signature });
    const result = await enqueueMessage(db, { ...common, content: placeholder, suppressed: settings.consent ? "Consent to reminders withdrawn" : "No consent to reminders on record" });
    return { ...result, state: "suppressed" };
  }
  const token = newPortalToken();
  await db.insert(portalLinks).values({
    organisationId: args.organisationId,
    clientId: args.clientId,
    contactId: args.contactId,
    tokenHash: hashToken(token),
    createdBy: args.linkCreatedBy,
    expiresAt: sql`now() + make_interval(days => ${PORTAL_LINK_DAYS})`,
  });
  const unsubscribe = newUnsubscribeToken();
  // The unsubscribe page and the one-click reply have no other way to know the language: they must answer the same for any token.
  const content = renderMessage(args.kind, { link: `${base}/p/${token}`, unsubscribeLink: `${base}/unsubscribe/${unsubscribe.token}?hl=${language}`, language, signature: org.signature });
  const when = nextSendTime(now, settings.timeZone, settings.preferredHour, org.quiet);
  const local = localParts(when.at, settings.timeZone);
  const result = await enqueueMessage(db, {
    ...common,
    content,
    unsubscribeTokenHash: unsubscribe.hash,
    listUnsubscribe: `${base}/api/unsubscribe/${unsubscribe.token}?hl=${language}`,
    sendAfter: when.at,
    note: when.deferred ? `Quiet hours: waits until ${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")} ${settings.timeZone}` : undefined,
  });
  return { ...result, state: when.deferred ? "deferred" : "queued" };
}

/**
 * A critical answer: the client's counselor is told at once, whatever their preferences, with the
 * client's initials and a link that needs signing in. Nothing else about the answer.
 */
export async function alertCounselorOfCriticalAnswer(db: Db, args: { organisationId: string; clientId: string; administrationId: string }): Promise<void> {
  const row = await primaryCounselorOf(db, args.organisationId, args.clientId);
  if (!row || row.status !== "active") return;
  await enqueueMessage(db, {
    organisationId: args.organisationId,
    jobKey: `critical:${args.administrationId}`,
    kind: "critical_alert",
    to: row.email,
    userId: row.counselorId,
    clientId: args.clientId,
    content: renderMessage("critical_alert", { initials: initialsOf(row.name), link: `${appBaseUrl()}/clients/${args.clientId}/checkins/${args.administrationId}` }),
    actor: { kind: "system" },
  });
}
