import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { users } from "./users";

// One row per submitted form key: a double tap or a retry after a timeout finds the row and
// gets the first outcome back instead of saving twice.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    key: text("key").notNull(),
    action: text("action").notNull(),
    // Who made the key: a replay of it by anyone else answers as not found.
    userId: uuid("user_id").references(() => users.id),
    outcome: jsonb("outcome").$type<{ message?: string; redirectTo?: string }>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
);
