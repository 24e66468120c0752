import { sql } from "drizzle-orm";
import { check, date, index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { organisations } from "./organisations";
import { users } from "./users";

// A counselor's choice to show a client the plain-language summary of a period in their portal.
// A new choice is a new row; withdrawing it stamps the row. The portal shows the latest row that
// is not withdrawn. Every change is also an audit event.
export const clientSummaryShares = pgTable(
  "client_summary_shares",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    sharedBy: uuid("shared_by")
      .notNull()
      .references(() => users.id),
    sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
  },
  (t) => [
    index("client_summary_shares_client_idx").on(t.organisationId, t.clientId, t.sharedAt.desc()),
    check("client_summary_shares_period", sql`${t.periodTo} >= ${t.periodFrom}`),
    check("client_summary_shares_withdrawal", sql`(${t.withdrawnAt} is null) = (${t.withdrawnBy} is null)`),
  ],
);
