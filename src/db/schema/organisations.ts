import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// The paper the organisation's PDF reports are laid out on: US programmes expect Letter.
export const paperSize = pgEnum("paper_size", ["letter", "a4"]);
export type PaperSize = (typeof paperSize.enumValues)[number];

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  name: text("name").notNull(),
  // The demo seed only ever touches organisations it created itself.
  isDemo: boolean("is_demo").notNull().default(false),
  // Counselors and supervisors must use two-factor sign-in (TOTP); set by an administrator.
  requireTwoFactor: boolean("require_two_factor").notNull().default(false),
  paperSize: paperSize("paper_size").notNull().default("letter"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Organisation = typeof organisations.$inferSelect;

// The crisis lines an organisation shows in the portal for one country, in order. A country with
// no rows here shows the built-in defaults for that country (src/portal/crisis-lines.ts).
export const crisisLines = pgTable(
  "crisis_lines",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    country: text("country").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    contact: text("contact").notNull(),
    hours: text("hours"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("crisis_lines_org_country_idx").on(t.organisationId, t.country, t.position),
    check("crisis_lines_country_code", sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);
