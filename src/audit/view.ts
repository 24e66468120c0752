import "server-only";
import type { Actor } from "@/auth/actor";
import { currentRequestMeta } from "@/auth/request-meta";
import type { Db } from "@/db/client";
import { recordAudit, type AuditEntry } from "./record";

/** Records that a person looked at a record (42 CFR Part 2: every access is logged). */
export async function auditView(db: Db, actor: Actor, entry: Pick<AuditEntry, "action" | "entityType" | "entityId" | "clientId" | "detail">): Promise<void> {
  const meta = await currentRequestMeta();
  await recordAudit(db, {
    ...entry,
    organisationId: actor.organisationId,
    actorKind: "user",
    actorUserId: actor.userId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
}
