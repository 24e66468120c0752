import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { userRole, userStatus } from "./enums";
import { organisations } from "./organisations";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: userRole("role").notNull(),
    status: userStatus("status").notNull().default("active"),
    passwordHash: text("password_hash"),
    supervisorId: uuid("supervisor_id"),
    // Bumped whenever existing sessions must stop working (deactivation, role or password
    // change, sign-out everywhere); every request compares it with the one in the token.
    sessionVersion: integer("session_version").notNull().default(0),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    // Two-factor sign-in (RFC 6238 TOTP). The secret is encrypted with a key derived from
    // AUTH_SECRET (src/auth/totp-secret.ts); set but not enabled while enrolment awaits its
    // first code. The last accepted time step makes every code single-use.
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Sign-in is by email alone, so an email is unique across organisations.
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_organisation_idx").on(t.organisationId, t.role),
    index("users_supervisor_idx").on(t.supervisorId),
    foreignKey({ columns: [t.supervisorId], foreignColumns: [t.id], name: "users_supervisor_fk" }),
    check("users_email_shape", sql`position('@' in ${t.email}) > 1`),
    check("users_not_own_supervisor", sql`${t.supervisorId} is null or ${t.supervisorId} <> ${t.id}`),
    check("users_totp_enabled_has_secret", sql`${t.totpEnabledAt} is null or ${t.totpSecret} is not null`),
  ],
);

export type User = typeof users.$inferSelect;

/** One-time recovery codes for two-factor sign-in: only a SHA-256 of each (80 random bits) is kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_key").on(t.userId, t.codeHash)],
);
