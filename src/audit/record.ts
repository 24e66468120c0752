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

/** Writes several audit events in one statement (a batch's), on the caller's transaction. */
export async function recordAudits(db: Db, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await db.insert(auditEvents).values(
    entries.map((entry) => ({
      organisationId: entry.organisationId,
      actorKind: entry.actorKind,
      actorUserId: entry.actorUserId ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      clientId: entry.clientId ?? null,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent?.slice(0, 300) ?? null,
      detail: entry.detail ?? null,
    })),
  );
}
