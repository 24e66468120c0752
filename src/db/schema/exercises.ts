import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { organisations } from "./organisations";
import { supportContacts } from "./support-network";
import { users } from "./users";

export const assignmentStatus = pgEnum("assignment_status", ["active", "paused", "ended"]);

// An organisation's own exercises: the same definition as a content/exercises file, as JSON.
export const customExercises = pgTable(
  "custom_exercises",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    exerciseId: text("exercise_id").notNull(),
    definition: jsonb("definition").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("custom_exercises_key").on(t.organisationId, t.exerciseId)],
);

export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    // Set when the exercise is for a member of the client's support network.
    contactId: uuid("contact_id").references(() => supportContacts.id),
    exerciseId: text("exercise_id").notNull(),
    exerciseVersion: integer("exercise_version").notNull(),
    cadence: jsonb("cadence").$type<{ kind: "once" | "daily" | "weekly" } | { kind: "weekdays"; days: number[] }>().notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    instructions: text("instructions"),
    status: assignmentStatus("status").notNull().default("active"),
    endedOn: date("ended_on", { mode: "string" }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("assignments_client_idx").on(t.organisationId, t.clientId, t.status),
    check("assignments_dates", sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

export const assignmentPauses = pgTable(
  "assignment_pauses",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    untilDate: date("until_date", { mode: "string" }),
  },
  (t) => [index("assignment_pauses_assignment_idx").on(t.assignmentId)],
);

// What a client (or family member) submitted. The idempotency key makes a double tap or a
// retry save once.
export const exerciseEntries = pgTable(
  "exercise_entries",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    contactId: uuid("contact_id").references(() => supportContacts.id),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id),
    exerciseId: text("exercise_id").notNull(),
    exerciseVersion: integer("exercise_version").notNull(),
    answers: jsonb("answers").$type<Record<string, string | number | string[]>>().notNull(),
    // Thought records keep both intensities so the trends can chart the change.
    intensityBefore: smallint("intensity_before"),
    intensityAfter: smallint("intensity_after"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text("idempotency_key").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("exercise_entries_idempotency_key").on(t.organisationId, t.idempotencyKey),
    index("exercise_entries_client_idx").on(t.organisationId, t.clientId, t.submittedAt.desc()),
    index("exercise_entries_assignment_idx").on(t.assignmentId, t.submittedAt),
  ],
);

export const entryComments = pgTable(
  "entry_comments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => exerciseEntries.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("entry_comments_entry_idx").on(t.entryId, t.createdAt)],
);

// A private link for a client or one of their support contacts. Only a hash of the token is
// kept; a revoked or expired link answers exactly like one that never existed.
export const portalLinks = pgTable(
  "portal_links",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    contactId: uuid("contact_id").references(() => supportContacts.id),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("portal_links_token_key").on(t.tokenHash), index("portal_links_client_idx").on(t.organisationId, t.clientId)],
);
