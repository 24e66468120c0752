import { sql } from "drizzle-orm";
import { boolean, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
