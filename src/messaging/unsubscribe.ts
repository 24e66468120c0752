import { and, desc, eq } from "drizzle-orm";
import { recordAudit } from "@/audit/record";
import type { RequestMeta } from "@/auth/credentials";
import type { Db } from "@/db/client";
import { messages, reminderConsents } from "@/db/schema/messages";
import { hashUnsubscribeToken } from "./enqueue";

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * One-click unsubscribe (RFC 8058): the token from a message's List-Unsubscribe address withdraws
 * that person's consent to email reminders at once, without signing in. Withdrawing is a new
 * consent record (the history is kept); a token used again, or unknown, changes nothing, and the
 * answer is the same either way so that tokens cannot be tested.
 */
export async function unsubscribeByToken(db: Db, token: string, meta: RequestMeta, now = new Date()): Promise<boolean> {
  if (!TOKEN_RE.test(token)) return false;
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: messages.id, organisationId: messages.organisationId, recipientId: messages.recipientId, clientId: messages.clientId })
      .from(messages)
      .where(eq(messages.unsubscribeTokenHash, hashUnsubscribeToken(token)))
      .limit(1);
    if (!message?.recipientId) return false;
    const [latest] = await tx
      .select({ granted: reminderConsents.granted })
      .from(reminderConsents)
      .where(and(eq(reminderConsents.recipientId, message.recipientId), eq(reminderConsents.channel, "email")))
      .orderBy(desc(reminderConsents.recordedAt), desc(reminderConsents.id))
      .limit(1);
    if (!latest?.granted) return false;
    await tx.insert(reminderConsents).values({
      organisationId: message.organisationId,
      recipientId: message.recipientId,
      channel: "email",
      granted: false,
      recordedBy: null,
      source: "unsubscribe_link",
      recordedAt: now,
    });
    await recordAudit(tx, {
      organisationId: message.organisationId,
      actorKind: "anonymous",
      action: "messaging.unsubscribe",
      entityType: "message",
      entityId: message.id,
      clientId: message.clientId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return true;
  });
}
