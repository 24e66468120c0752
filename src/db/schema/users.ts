import { sql } from "drizzle-orm";
import {
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
  ],
);

export type User = typeof users.$inferSelect;
