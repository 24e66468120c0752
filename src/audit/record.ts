import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { ActorKind } from "@/db/schema";

export interface AuditEntry {
  organisationId: string;
  actorKind: ActorKind;
  actorUserId?: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: Record<string, string | number | boolean | null> | null;
}

/** Writes one audit event, on the caller's transaction so it commits or rolls back with the work. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await recordAudits(db, [entry]);
}

/**
 * Writes several audit events in one statement (a batch's), on the caller's transaction. The
 * events travel as one JSON parameter: the statement's text is the same for one event or five
 * hundred (one prepared statement), and building it costs nothing per event.
 */
export async function recordAudits(db: Db, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map((entry) => ({
    organisation_id: entry.organisationId,
    actor_kind: entry.actorKind,
    actor_user_id: entry.actorUserId ?? null,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    client_id: entry.clientId ?? null,
    ip: entry.ip ?? null,
    user_agent: entry.userAgent?.slice(0, 300) ?? null,
    detail: entry.detail ?? null,
  }));
  // In the entries' order, which is the order of the organisation's audit chain.
  await db.execute(sql`
    insert into ${auditEvents} (organisation_id, actor_kind, actor_user_id, action, entity_type, entity_id, client_id, ip, user_agent, detail)
    select organisation_id, actor_kind::actor_kind, actor_user_id, action, entity_type, entity_id, client_id, ip, user_agent, detail
    from rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (organisation_id uuid, actor_kind text, actor_user_id uuid, action text, entity_type text, entity_id text, client_id uuid, ip text, user_agent text, detail jsonb)) with ordinality as v
    order by v.ordinality`);
}
