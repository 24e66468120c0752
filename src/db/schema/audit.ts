import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorKind } from "./enums";
import { organisations } from "./organisations";

// Append-only: a trigger (see the custom migration) refuses UPDATE, DELETE and TRUNCATE.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorKind: actorKind("actor_kind").notNull(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    clientId: uuid("client_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    // Identifiers and outcomes only: never clinical text.
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>(),
    // The tamper-evident chain, one per organisation, filled in by the database on insert (see
    // drizzle/*_audit_chain.sql; NOT NULL there): the position in the chain, the previous
    // event's hash, and sha256(prev_hash || canonical row). `npm run audit:verify` checks it.
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_events_org_time_idx").on(t.organisationId, t.occurredAt.desc(), t.id.desc()),
    index("audit_events_client_idx").on(t.organisationId, t.clientId, t.occurredAt.desc()),
    index("audit_events_actor_idx").on(t.organisationId, t.actorUserId, t.occurredAt.desc()),
    index("audit_events_action_idx").on(t.organisationId, t.action, t.occurredAt.desc()),
    // Two writers can never take the same place in an organisation's chain (no fork).
    uniqueIndex("audit_events_chain_key").on(t.organisationId, t.chainSeq),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;

// The one ledger of every rate limit (src/lib/limiter.ts): sign-in tries per email and per
// address, private-link guesses per address, exports per person. Not a tenant table: a failed
// sign-in for an unknown email belongs to no organisation. It lives in the database so that
// every app instance counts the same; a scheduled job deletes rows past their use (src/db/retention.ts).
export const limiterEvents = pgTable(
  "limiter_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Which limit: "sign-in", "link-guess", "export". */
    kind: text("kind").notNull(),
    /** What it counts per (an email, a user id); "" when it counts per address only. */
    key: text("key").notNull().default(""),
    ip: text("ip").notNull().default(""),
    /** For sign-in: success, failure or throttled. */
    outcome: text("outcome"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("limiter_events_key_idx").on(t.kind, t.key, t.at.desc()),
    index("limiter_events_ip_idx").on(t.kind, t.ip, t.at.desc()),
    index("limiter_events_at_idx").on(t.at),
  ],
);
