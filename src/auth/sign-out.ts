import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/audit/record";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "./actor";
import type { RequestMeta } from "./credentials";

/**
 * Signing out moves the user's session version on, so every session token issued before, a
 * copy of this one included, is refused at its next request (resolveActor compares versions).
 * That ends the account's sessions in every browser, not only this one. An idle sign-out does
 * not need it: the token has expired on the server already.
 */
export async function recordSignOut(db: Db, actor: Actor, meta: RequestMeta, reason: "signed_out" | "idle"): Promise<void> {
  await db.transaction(async (tx) => {
    if (reason === "signed_out") {
      await tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.id, actor.userId), eq(users.organisationId, actor.organisationId)));
    }
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorKind: "user",
      actorUserId: actor.userId,
      action: reason === "idle" ? "auth.sign_out_idle" : "auth.sign_out",
      entityType: "user",
      entityId: actor.userId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  });
}
