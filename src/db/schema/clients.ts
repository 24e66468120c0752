import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { users } from "./users";

export const recoveryFocus = pgEnum("recovery_focus", ["substance_use", "trauma", "both"]);
export const clientStatus = pgEnum("client_status", ["intake", "active", "on_hold", "discharged"]);
export type RecoveryFocus = (typeof recoveryFocus.enumValues)[number];
export type ClientStatus = (typeof clientStatus.enumValues)[number];

export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    preferredName: text("preferred_name"),
    pronouns: text("pronouns"),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    recordNumber: text("record_number").notNull(),
    recoveryFocus: recoveryFocus("recovery_focus").notNull(),
    status: clientStatus("status").notNull().default("intake"),
    primaryCounselorId: uuid("primary_counselor_id")
      .notNull()
      .references(() => users.id),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    startDate: date("start_date", { mode: "string" }).notNull(),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    // The language the portal, check-ins and exercises are shown in (a BCP 47 tag with a
    // messages file), and the country whose crisis lines the portal shows (ISO 3166-1 alpha-2;
    // null: taken from the time zone).
    language: text("language").notNull().default("en"),
    country: text("country"),
    dischargedOn: date("discharged_on", { mode: "string" }),
    dischargeReason: text("discharge_reason"),
    // Kept up to date by whatever records contact (notes, portal entries, check-ins).
    lastContactAt: timestamp("last_contact_at", { withTimezone: true }),
    // Optimistic concurrency: every update must name the version it read.
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("clients_record_number_key").on(t.organisationId, t.recordNumber),
    index("clients_counselor_idx").on(t.organisationId, t.primaryCounselorId, t.status),
    index("clients_org_name_idx").on(t.organisationId, sql`lower(${t.name})`, t.id),
    index("clients_org_start_idx").on(t.organisationId, t.startDate, t.id),
    index("clients_org_last_contact_idx").on(t.organisationId, sql`coalesce(${t.lastContactAt}, '-infinity'::timestamptz)`, t.id),
    index("clients_org_status_idx").on(t.organisationId, t.status, t.id),
    // The roster's sorts by focus and by tags walk these and stop after one page.
    index("clients_org_focus_idx").on(t.organisationId, t.recoveryFocus, t.id),
    index("clients_org_tags_sort_idx").on(t.organisationId, t.tags, t.id),
    index("clients_tags_idx").using("gin", t.tags),
    check("clients_discharge_consistent", sql`(${t.status} = 'discharged') = (${t.dischargedOn} is not null)`),
    check("clients_name_present", sql`length(trim(${t.name})) > 0`),
    check("clients_language_tag", sql`${t.language} ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`),
    check("clients_country_code", sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const clientCareTeam = pgTable(
  "client_care_team",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.userId] }), index("client_care_team_user_idx").on(t.userId, t.clientId)],
);

export type Client = typeof clients.$inferSelect;
