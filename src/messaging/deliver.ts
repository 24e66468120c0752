import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { recordAudit } from "@/audit/record";
import type { Db } from "@/db/client";
import { messages, type MessageState } from "@/db/schema/messages";
import type { MailConfig } from "./config";
import { fromWithName, messageSettingsOf } from "./org-settings";
import { failureReason, isPermanentFailure, type Mailer } from "./transport";

/**
 * A message claimed for sending (state `sending`) by a worker that then vanished (a crash, a
 * kill -9) is taken back after this long. pg-boss expires the job sooner (JOB_EXPIRE_SECONDS), so
 * its retry finds the claim stale.
 */
export const CLAIM_STALE_MS = 3 * 60_000;
export const JOB_EXPIRE_SECONDS = 120;

export interface DeliveryAttempt {
  /** Marks the job done on the given transaction (pg-boss complete through that transaction). */
  complete(tx: Db): Promise<void>;
  /** True when pg-boss will not retry this job again. */
  lastAttempt: boolean;
}

export type DeliveryOutcome = "sent" | "outbox" | "failed" | "retry" | "nothing";

export class RetryLater extends Error {}

const auditOf = (tx: Db, row: { organisationId: string; id: string; clientId: string | null; kind: string }, action: string, detail: Record<string, string | number>) =>
  recordAudit(tx, {
    organisationId: row.organisationId,
    actorKind: "system",
    action,
    entityType: "message",
    entityId: row.id,
    clientId: row.clientId,
    detail: { kind: row.kind, ...detail },
  });

/**
 * Delivers one message, exactly once as far as the database can tell: the state change and the
 * job's completion commit together. SMTP acceptance and that commit cannot be one transaction:
 * a crash between them leaves the message `sending`; the retry sends it again (attempts 2 in the
 * log). Throws RetryLater when pg-boss should try again (with its back-off).
 */
export async function deliverMessage(db: Db, config: MailConfig, mailer: Mailer | null, messageId: string, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
  const now = new Date();
  if (config.mode === "outbox" || !mailer) {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(messages)
        .set({ state: "outbox", sentAt: now, updatedAt: now, attempts: sql`${messages.attempts} + 1`, reason: null })
        .where(and(eq(messages.id, messageId), eq(messages.state, "queued"), lte(messages.sendAfter, now)))
        .returning({ id: messages.id, organisationId: messages.organisationId, clientId: messages.clientId, kind: messages.kind });
      if (row) await auditOf(tx, row, "message.outbox", {});
      await attempt.complete(tx);
      return row ? "outbox" : "nothing";
    });
  }

  // Claim it: only one worker sends a message at a time, and a message already sent is left alone.
  const stale = new Date(now.getTime() - CLAIM_STALE_MS);
  const [claimed] = await db
    .update(messages)
    .set({ state: "sending", claimedAt: now, updatedAt: now, attempts: sql`${messages.attempts} + 1` })
    .where(
      and(
        eq(messages.id, messageId),
        lte(messages.sendAfter, now),
        or(eq(messages.state, "queued"), and(eq(messages.state, "sending"), lt(messages.claimedAt, stale))),
      ),
    )
    .returning();
  if (!claimed) {
    const [current] = await db.select({ state: messages.state }).from(messages).where(eq(messages.id, messageId)).limit(1);
    // Another worker holds a fresh claim: come back later rather than finish a job that did nothing.
    if (current?.state === "sending") throw new RetryLater("Another worker is sending this message.");
    await db.transaction((tx) => attempt.complete(tx));
    return "nothing";
  }
  const row = claimed;
  const from = fromWithName(config.from, (await messageSettingsOf(db, row.organisationId)).senderName);
  const sender = typeof from === "string" ? from : `${from.name} <${from.address}>`;
  try {
    if (!row.bodyText || !row.bodyHtml) throw Object.assign(new Error("The message has no body to send."), { responseCode: 554 });
    await mailer.send({
      from,
      to: row.recipient,
      subject: row.subject,
      text: row.bodyText,
      html: row.bodyHtml,
      listUnsubscribe: row.listUnsubscribe,
      messageId: `<${row.id}@attune>`,
    });
  } catch (error) {
    const reason = failureReason(error);
    const permanent = isPermanentFailure(error) || attempt.lastAttempt;
    await db.transaction(async (tx) => {
      const done = new Date();
      await tx
        .update(messages)
        .set(
          permanent
            ? { state: "failed", failedAt: done, updatedAt: done, reason, bodyText: null, bodyHtml: null, listUnsubscribe: null }
            : { state: "queued", updatedAt: done, reason: `Attempt ${row.attempts} failed, will retry: ${reason}` },
        )
        .where(and(eq(messages.id, row.id), eq(messages.state, "sending")));
      if (permanent) {
        await auditOf(tx, row, "message.fail", { attempts: row.attempts });
        await attempt.complete(tx);
      }
    });
    if (!permanent) throw new RetryLater(reason);
    return "failed";
  }
  await db.transaction(async (tx) => {
    const done = new Date();
    await tx
      .update(messages)
      .set({ state: "sent", sender, sentAt: done, updatedAt: done, reason: null, bodyText: null, bodyHtml: null, listUnsubscribe: null })
      .where(and(eq(messages.id, row.id), eq(messages.state, "sending")));
    await auditOf(tx, row, "message.send", { attempts: row.attempts });
    await attempt.complete(tx);
  });
  return "sent";
}

/** Messages that are due and not in hand: the sweep queues a delivery job for each. */
export async function dueMessageIds(db: Db, now = new Date(), limit = 5000): Promise<string[]> {
  const stale = new Date(now.getTime() - CLAIM_STALE_MS);
  const waiting: MessageState[] = ["queued"];
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        lte(messages.sendAfter, now),
        or(inArray(messages.state, waiting), and(eq(messages.state, "sending"), lt(messages.claimedAt, stale))),
      ),
    )
    .orderBy(messages.sendAfter)
    .limit(limit);
  return rows.map((r) => r.id);
}
