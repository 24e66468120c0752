import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { organisations } from "./organisations";
import { supportContacts } from "./support-network";
import { users } from "./users";

export const administrationMode = pgEnum("administration_mode", ["in_session", "portal"]);
export const scoreStatus = pgEnum("score_status", ["complete", "prorated", "invalid"]);
export const instrumentStatus = pgEnum("instrument_status", ["draft", "published", "retired"]);

// Questionnaires an admin imported (FHIR JSON plus our scoring extension). Bundled ones live in
// content/instruments. Every version is kept: a score names the version that produced it.
export const importedInstruments = pgTable(
  "imported_instruments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    url: text("url").notNull(),
    version: text("version").notNull(),
    title: text("title").notNull(),
    questionnaire: jsonb("questionnaire").notNull(),
    status: instrumentStatus("status").notNull().default("draft"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("imported_instruments_key").on(t.organisationId, t.url, t.version)],
);

// One completed check-in: the answers as given (linkId → answer) and what the scorer made of
// them, with the instrument version, so any score can be recomputed by hand.
export const checkinAdministrations = pgTable(
  "checkin_administrations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    // Set for a family member's own check-in (family wellbeing).
    contactId: uuid("contact_id").references(() => supportContacts.id),
    instrumentUrl: text("instrument_url").notNull(),
    instrumentVersion: text("instrument_version").notNull(),
    mode: administrationMode("mode").notNull(),
    administeredBy: uuid("administered_by").references(() => users.id),
    scheduleId: uuid("schedule_id"),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    // The language the questions were shown in (the FHIR translation used), for the record.
    language: text("language").notNull().default("en"),
    status: scoreStatus("status").notNull(),
    total: numeric("total", { precision: 10, scale: 2, mode: "number" }),
    subscales: jsonb("subscales").$type<Record<string, number | null>>().notNull().default(sql`'{}'::jsonb`),
    bandLabel: text("band_label"),
    bandSeverity: smallint("band_severity"),
    answered: integer("answered").notNull(),
    expected: integer("expected").notNull(),
    administeredAt: timestamp("administered_at", { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text("idempotency_key").notNull(),
  },
  (t) => [
    uniqueIndex("checkin_administrations_idempotency_key").on(t.organisationId, t.idempotencyKey),
    // Trends read a client's scores for one instrument over time: an index-only scan.
    index("checkin_administrations_trend_idx").on(t.organisationId, t.clientId, t.instrumentUrl, t.administeredAt.desc().nullsFirst()),
    // The caseload's and the CSV's "last check-in" (any instrument, the client's own): one probe per
    // client instead of reading every administration of theirs (8 of the caseload's 20 ms).
    index("checkin_administrations_client_recent_idx").on(t.organisationId, t.clientId, t.administeredAt.desc().nullsFirst()).where(sql`${t.contactId} is null`),
    check("checkin_administrations_total", sql`(${t.status} = 'invalid') = (${t.total} is null)`),
  ],
);

export const checkinSchedules = pgTable(
  "checkin_schedules",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    contactId: uuid("contact_id").references(() => supportContacts.id),
    instrumentUrl: text("instrument_url").notNull(),
    cadence: jsonb("cadence").$type<{ kind: "once" | "daily" | "weekly" } | { kind: "weekdays"; days: number[] }>().notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    // How many days a due check-in stays open in the portal.
    expiryDays: integer("expiry_days").notNull().default(4),
    status: text("status", { enum: ["active", "ended"] }).notNull().default("active"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("checkin_schedules_client_idx").on(t.organisationId, t.clientId),
    // One active schedule per person and check-in: the client's own (no contact) or a family member's.
    uniqueIndex("checkin_schedules_one_active")
      .on(t.clientId, sql`coalesce(${t.contactId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.instrumentUrl)
      .where(sql`status = 'active'`),
  ],
);

// A critical answer raises an alert for the client's counselors at once; it stays until a
// counselor acknowledges it with a note.
export const criticalAlerts = pgTable(
  "critical_alerts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    administrationId: uuid("administration_id")
      .notNull()
      .references(() => checkinAdministrations.id),
    linkId: text("link_id").notNull(),
    message: text("message").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
    acknowledgementNote: text("acknowledgement_note"),
  },
  (t) => [
    index("critical_alerts_open_idx").on(t.organisationId, t.clientId).where(sql`${t.acknowledgedAt} is null`),
    // Every alert of a client over time (the trend markers), not only the open ones.
    index("critical_alerts_client_idx").on(t.organisationId, t.clientId, t.raisedAt),
    check("critical_alerts_ack", sql`(${t.acknowledgedAt} is null) = (${t.acknowledgedBy} is null)`),
  ],
);

// The reliable change index's parameters (reliability and spread) derived from an organisation's
// own baselines for one instrument version (src/checkins/rci.ts). Deriving them reads and scores
// every client's first check-in (seconds on a large organisation), so they are kept here and
// refreshed in the background when older than ten minutes; a restarted server reads them in one
// query. Derived statistics only: no answers, no client.
export const rciParameterCache = pgTable(
  "rci_parameter_cache",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    instrumentCanonical: text("instrument_canonical").notNull(),
    parameters: jsonb("parameters").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.instrumentCanonical] })],
);

// Expected recovery curves (src/outcomes/expected-recovery): one row per fit of one instrument
// version in one organisation, kept as a history so a not-on-track verdict can name the fit that
// produced it. A fit that found too little data is kept too, with its reason. Derived statistics
// only: no answers, no client.
export const expectedRecoveryFits = pgTable(
  "expected_recovery_fits",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    instrumentUrl: text("instrument_url").notNull(),
    instrumentVersion: text("instrument_version").notNull(),
    fittedAt: timestamp("fitted_at", { withTimezone: true }).notNull().defaultNow(),
    // The latest check-in the fit could see: later ones were not part of it.
    dataCutoff: timestamp("data_cutoff", { withTimezone: true }).notNull(),
    // The fitted model (CurveFit), or null when there was too little data (then `reason` says why).
    parameters: jsonb("parameters"),
    reason: text("reason"),
    nClients: integer("n_clients").notNull(),
    nScores: integer("n_scores").notNull(),
    durationMs: integer("duration_ms").notNull(),
    trigger: text("trigger", { enum: ["scheduled", "admin"] }).notNull(),
    // The hold-out check made with it (validation.ts): counts per outcome, or null when there was too little data.
    validation: jsonb("validation"),
  },
  (t) => [
    index("expected_recovery_fits_latest_idx").on(t.organisationId, t.instrumentUrl, t.instrumentVersion, t.fittedAt.desc()),
    check("expected_recovery_fits_outcome", sql`(${t.parameters} is null) = (${t.reason} is not null)`),
  ],
);
