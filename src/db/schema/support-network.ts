import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { organisations } from "./organisations";
import { users } from "./users";

export const relationship = pgEnum("relationship", [
  "parent",
  "partner",
  "spouse",
  "child",
  "sibling",
  "other_family",
  "friend",
  "sponsor",
  "other",
]);
export const consentScope = pgEnum("consent_scope", ["nothing", "attendance_only", "progress_summaries"]);
export type Relationship = (typeof relationship.enumValues)[number];
export type ConsentScope = (typeof consentScope.enumValues)[number];

export const supportContacts = pgTable(
  "support_contacts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    name: text("name").notNull(),
    relationship: relationship("relationship").notNull(),
    phone: text("phone"),
    email: text("email"),
    isEmergencyContact: boolean("is_emergency_contact").notNull().default(false),
    // Their own portal's language; null: the client's.
    language: text("language"),
    notes: text("notes"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("support_contacts_client_idx").on(t.organisationId, t.clientId)],
);

// A consent is a record, never edited: a change is a new row, and the only change to a row is
// its revocation (a trigger refuses everything else, and deletion).
export const consents = pgTable(
  "consents",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => supportContacts.id),
    scope: consentScope("scope").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
    note: text("note"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revokeReason: text("revoke_reason"),
  },
  (t) => [
    index("consents_contact_idx").on(t.organisationId, t.contactId, t.recordedAt.desc()),
    check("consents_dates_ordered", sql`${t.validUntil} is null or ${t.validUntil} >= ${t.validFrom}`),
    check("consents_revocation_complete", sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
  ],
);
