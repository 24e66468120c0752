import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { organisations } from "./organisations";
import { supportContacts } from "./support-network";
import { users } from "./users";

export const messageKind = pgEnum("message_kind", ["staff_invitation", "password_reset", "portal_link", "something_new", "critical_alert", "reminder_expiring", "deterioration_alert", "missed_alert", "not_on_track_alert", "weekly_summary"]);
/**
 * queued: waiting for the worker (or for send_after); sending: claimed by a worker; sent: accepted
 * by the SMTP server; outbox: no SMTP server configured, kept here for an administrator to read;
 * failed: gave up (reason says why); suppressed: never sent (no consent, no address).
 */
export const messageState = pgEnum("message_state", ["queued", "sending", "sent", "outbox", "failed", "suppressed"]);
export type MessageKind = (typeof messageKind.enumValues)[number];
export type MessageState = (typeof messageState.enumValues)[number];

/**
 * Who a client-side message goes to: the client (contact_id null) or one of their support
 * contacts, with an address, a time zone and the hour they prefer to hear from us.
 */
export const messageRecipients = pgTable(
  "message_recipients",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    contactId: uuid("contact_id").references(() => supportContacts.id),
    email: text("email"),
    timeZone: text("time_zone").notNull().default("UTC"),
    preferredHour: smallint("preferred_hour").notNull().default(9),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("message_recipients_client_key")
      .on(t.clientId)
      .where(sql`${t.contactId} is null`),
    uniqueIndex("message_recipients_contact_key")
      .on(t.contactId)
      .where(sql`${t.contactId} is not null`),
    index("message_recipients_org_idx").on(t.organisationId, t.clientId),
    check("message_recipients_hour", sql`${t.preferredHour} between 0 and 23`),
  ],
);

/**
 * Consent to reminders is a history, never edited: granting and withdrawing are each a new row
 * (a trigger refuses update and delete). The latest row for a recipient and channel decides.
 */
export const reminderConsents = pgTable(
  "reminder_consents",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => messageRecipients.id),
    channel: text("channel").notNull().default("email"),
    granted: boolean("granted").notNull(),
    // A counselor who recorded it, or null when the person used the unsubscribe link.
    recordedBy: uuid("recorded_by").references(() => users.id),
    source: text("source").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("reminder_consents_recipient_idx").on(t.recipientId, t.channel, t.recordedAt.desc()),
    check("reminder_consents_channel", sql`${t.channel} in ('email')`),
    check("reminder_consents_source", sql`${t.source} in ('counselor', 'unsubscribe_link')`),
  ],
);

/**
 * Every message Attune sends, and the outbox when no SMTP server is configured. job_key names the
 * thing the message is about (`invite:<tokenId>`), so asking twice makes one message. Bodies are
 * kept while a message waits and in the outbox; once an SMTP server has accepted a message (or it
 * has failed for good) they are cleared, so the log never holds working links.
 */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    jobKey: text("job_key").notNull(),
    kind: messageKind("kind").notNull(),
    clientId: uuid("client_id").references(() => clients.id),
    recipientId: uuid("recipient_id").references(() => messageRecipients.id),
    userId: uuid("user_id").references(() => users.id),
    sender: text("sender").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text"),
    bodyHtml: text("body_html"),
    // Only a hash: the raw token is in the message's unsubscribe link (its body and its
    // List-Unsubscribe address, both cleared once it is sent) and nowhere else.
    unsubscribeTokenHash: text("unsubscribe_token_hash"),
    listUnsubscribe: text("list_unsubscribe"),
    state: messageState("state").notNull().default("queued"),
    // Why it failed, was suppressed or was deferred.
    reason: text("reason"),
    attempts: integer("attempts").notNull().default(0),
    sendAfter: timestamp("send_after", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("messages_job_key").on(t.jobKey),
    uniqueIndex("messages_unsubscribe_key").on(t.unsubscribeTokenHash),
    index("messages_org_created_idx").on(t.organisationId, t.createdAt.desc()),
    index("messages_client_idx").on(t.organisationId, t.clientId, t.createdAt.desc()),
    index("messages_due_idx")
      .on(t.sendAfter)
      .where(sql`${t.state} in ('queued', 'sending')`),
  ],
);

/**
 * Which alerts a counselor receives by email. No row means every alert and no weekly summary. A
 * critical answer is always sent and has no switch here.
 */
export const counselorAlertPreferences = pgTable("counselor_alert_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id),
  deterioration: boolean("deterioration").notNull().default(true),
  missedInARow: boolean("missed_in_a_row").notNull().default(true),
  notOnTrack: boolean("not_on_track").notNull().default(true),
  // The Monday summary of the caseload in counts: asked for, never sent by default.
  weeklySummary: boolean("weekly_summary").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An organisation's choices for its messages (Admin → Messages). No row means the defaults: the
 * sender as MAIL_FROM names it, the sign-off "The team", quiet hours 21:00-08:00 and 09:00 as a
 * new person's preferred hour.
 */
export const organisationMessageSettings = pgTable(
  "organisation_message_settings",
  {
    organisationId: uuid("organisation_id")
      .primaryKey()
      .references(() => organisations.id),
    // The display name on every message's From (the address stays MAIL_FROM's).
    senderName: text("sender_name"),
    // The sign-off on messages to clients and support people.
    signature: text("signature"),
    quietStart: smallint("quiet_start").notNull().default(21),
    quietEnd: smallint("quiet_end").notNull().default(8),
    reminderHour: smallint("reminder_hour").notNull().default(9),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("organisation_message_settings_hours", sql`${t.quietStart} between 0 and 23 and ${t.quietEnd} between 0 and 23 and ${t.quietStart} <> ${t.quietEnd} and ${t.reminderHour} between 0 and 23`),
  ],
);
