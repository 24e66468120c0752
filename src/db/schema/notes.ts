import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, time, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { organisations } from "./organisations";
import { supportContacts } from "./support-network";
import { users } from "./users";

export const noteType = pgEnum("note_type", ["individual", "family_support", "group"]);
export const noteStatus = pgEnum("note_status", ["draft", "signed"]);
export const attendance = pgEnum("attendance", ["attended", "cancelled", "no_show"]);
export const familyTopic = pgEnum("family_topic", [
  "boundaries",
  "enabling",
  "communication",
  "detachment_with_love",
  "relapse_prevention",
  "self_care",
  "other",
]);
export const engagementLevel = pgEnum("engagement_level", ["not_engaged", "somewhat", "engaged", "very_engaged"]);
export type NoteType = (typeof noteType.enumValues)[number];

// One session note. Individual and family notes belong to one client (client_id); a group note
// has its attendees in note_group_members (client_id is null). Once signed, a trigger refuses
// every change except the supervisor's co-signature, and deletion.
export const sessionNotes = pgTable(
  "session_notes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id").references(() => clients.id),
    type: noteType("type").notNull(),
    status: noteStatus("status").notNull().default("draft"),
    sessionDate: date("session_date", { mode: "string" }).notNull(),
    startTime: time("start_time"),
    durationMinutes: integer("duration_minutes"),
    attendance: attendance("attendance").notNull().default("attended"),
    data: text("data").notNull().default(""),
    assessment: text("assessment").notNull().default(""),
    plan: text("plan").notNull().default(""),
    topics: familyTopic("topics").array().notNull().default(sql`'{}'`),
    topicsOther: text("topics_other"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    cosignRequired: boolean("cosign_required").notNull().default(false),
    cosignedAt: timestamp("cosigned_at", { withTimezone: true }),
    cosignedBy: uuid("cosigned_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("session_notes_client_idx").on(t.organisationId, t.clientId, t.sessionDate.desc()),
    index("session_notes_author_idx").on(t.organisationId, t.authorId, t.status),
    check("session_notes_owner", sql`(${t.type} = 'group') = (${t.clientId} is null)`),
    check("session_notes_signed", sql`(${t.status} = 'signed') = (${t.signedAt} is not null)`),
    check("session_notes_duration", sql`${t.durationMinutes} is null or ${t.durationMinutes} between 1 and 600`),
  ],
);

export const noteFamilyAttendees = pgTable(
  "note_family_attendees",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    noteId: uuid("note_id")
      .notNull()
      .references(() => sessionNotes.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => supportContacts.id),
    engagement: engagementLevel("engagement"),
    comment: text("comment"),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.contactId] }), index("note_family_attendees_contact_idx").on(t.contactId)],
);

export const noteGroupMembers = pgTable(
  "note_group_members",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    noteId: uuid("note_id")
      .notNull()
      .references(() => sessionNotes.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    individualPart: text("individual_part").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.clientId] }), index("note_group_members_client_idx").on(t.organisationId, t.clientId)],
);

// Corrections to a signed note: each its own text, author, time and signature; never edited.
export const noteAddenda = pgTable(
  "note_addenda",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    noteId: uuid("note_id")
      .notNull()
      .references(() => sessionNotes.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("note_addenda_note_idx").on(t.noteId, t.signedAt)],
);
