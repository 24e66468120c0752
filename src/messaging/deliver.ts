import { and, eq, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { recordAudits, type AuditEntry } from "@/audit/record";
import type { Db } from "@/db/client";
import { messages, reminderConsents, type MessageState } from "@/db/schema/messages";
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

/** One delivery job of a batch, as pg-boss handed it out. */
export interface DeliveryJob {
  id: string;
  retryCount: number;
  messageId: string;
  /** True when pg-boss will not retry this job again. */
  lastAttempt: boolean;
}

/** How the jobs of a batch are settled, each call on the transaction that records their messages' outcome. */
export interface JobSettlement {
  /** Marks these jobs done (pg-boss complete through that transaction). */
  complete(tx: Db, jobs: DeliveryJob[]): Promise<void>;
  /** Hands these jobs back for a retry with pg-boss's back-off (pg-boss fail through that transaction); the reason is in the delivery log. */
  retry(tx: Db, jobs: DeliveryJob[]): Promise<void>;
}

export type DeliveryOutcome = "sent" | "outbox" | "failed" | "retry" | "suppressed" | "nothing";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WITHDRAWN = "Consent to reminders withdrawn before sending";

/** One parameter (a JSON array) rather than one per id, so a batch of any size is one prepared statement. */
const idIn = (ids: string[]): SQL => sql`${messages.id} in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`;

/**
 * Consent in force at send time: a message to a client or support person goes only while the
 * latest email consent of its recipient grants it (staff messages have no recipient record).
 */
const consentInForce: SQL = sql`(${messages.recipientId} is null or coalesce((
  select ${reminderConsents.granted} from ${reminderConsents}
  where ${reminderConsents.recipientId} = ${messages.recipientId} and ${reminderConsents.channel} = 'email'
  order by ${reminderConsents.recordedAt} desc, ${reminderConsents.id} desc limit 1), false))`;

interface AuditedRow {
  organisationId: string;
  id: string;
  clientId: string | null;
  kind: string;
}

const auditOf = (row: AuditedRow, action: string, detail: Record<string, string | number> = {}): AuditEntry => ({
  organisationId: row.organisationId,
  actorKind: "system",
  action,
  entityType: "message",
  entityId: row.id,
  clientId: row.clientId,
  detail: { kind: row.kind, ...detail },
});

const audited = { id: messages.id, organisationId: messages.organisationId, clientId: messages.clientId, kind: messages.kind };

/**
 * Delivers a batch of messages, each exactly once as far as the database can tell. Per batch: one
 * statement claims every message that is due, still waiting and still consented to (state
 * `sending`); the claimed ones go to the SMTP server concurrently (the mailer pools its
 * connections); then one transaction records every outcome and settles every job with it: sent
 * (and its audit event, and the job completed), failed for good, or back to `queued` with only
 * that message's job handed back for a retry with back-off. A failure of one message neither
 * fails nor resends the others. SMTP acceptance and that commit cannot be one transaction: a
 * crash between them leaves the batch's messages `sending`; their retries send them again
 * (attempts 2 in the log) once the claim is stale.
 */
export async function deliverBatch(db: Db, config: MailConfig, mailer: Mailer | null, jobs: DeliveryJob[], settle: JobSettlement): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>();
  const now = new Date();
  // A message named by two jobs of the batch (it cannot happen under the queue's singleton key,
  // but a job's data is not ours to trust): the first job delivers it, the others finish.
  const firstJob = new Map<string, DeliveryJob>();
  for (const job of jobs) if (UUID_RE.test(job.messageId) && !firstJob.has(job.messageId)) firstJob.set(job.messageId, job);
  const ids = [...firstJob.keys()];
  const spare = jobs.filter((job) => firstJob.get(job.messageId) !== job);

  if (config.mode === "outbox" || !mailer) {
    await db.transaction(async (tx) => {
      const kept = ids.length
        ? await tx
            .update(messages)
            .set({ state: "outbox", sentAt: now, updatedAt: now, attempts: sql`${messages.attempts} + 1`, reason: null })
            .where(and(idIn(ids), eq(messages.state, "queued"), lte(messages.sendAfter, now), consentInForce))
            .returning(audited)
        : [];
      const suppressed = await suppressWithdrawn(tx, ids.filter((id) => !kept.some((r) => r.id === id)), now);
      await recordAudits(tx, [...kept.map((row) => auditOf(row, "message.outbox")), ...suppressed.map((row) => auditOf(row, "message.suppress", { reason: WITHDRAWN }))]);
      await settle.complete(tx, jobs);
      for (const id of ids) outcomes.set(id, kept.some((r) => r.id === id) ? "outbox" : suppressed.some((r) => r.id === id) ? "suppressed" : "nothing");
    });
    return outcomes;
  }

  // Claim them: only one worker sends a message at a time, and a message already sent is left alone.
  const stale = new Date(now.getTime() - CLAIM_STALE_MS);
  const claimed = ids.length
    ? await db
        .update(messages)
        .set({ state: "sending", claimedAt: now, updatedAt: now, attempts: sql`${messages.attempts} + 1` })
        .where(and(idIn(ids), lte(messages.sendAfter, now), or(eq(messages.state, "queued"), and(eq(messages.state, "sending"), lt(messages.claimedAt, stale))), consentInForce))
        .returning()
    : [];
  const claimedIds = new Set(claimed.map((r) => r.id));
  const rest = ids.filter((id) => !claimedIds.has(id));
  // Another worker holds a fresh claim on these: come back later rather than finish a job that did nothing.
  const heldElsewhere = rest.length
    ? new Set((await db.select({ id: messages.id }).from(messages).where(and(idIn(rest), eq(messages.state, "sending"), gte(messages.claimedAt, stale)))).map((r) => r.id))
    : new Set<string>();

  const senderNames = new Map<string, string | null>();
  for (const organisationId of new Set(claimed.map((r) => r.organisationId))) senderNames.set(organisationId, (await messageSettingsOf(db, organisationId)).senderName);
  const fromOf = (organisationId: string) => fromWithName(config.from, senderNames.get(organisationId) ?? null);

  const results = await Promise.all(
    claimed.map(async (row) => {
      try {
        if (!row.bodyText || !row.bodyHtml) throw Object.assign(new Error("The message has no body to send."), { responseCode: 554 });
        await mailer.send({
          from: fromOf(row.organisationId),
          to: row.recipient,
          subject: row.subject,
          text: row.bodyText,
          html: row.bodyHtml,
          listUnsubscribe: row.listUnsubscribe,
          messageId: `<${row.id}@attune>`,
        });
        return { row, error: null };
      } catch (error) {
        return { row, error };
      }
    }),
  );

  await db.transaction(async (tx) => {
    const done = new Date();
    // A timestamp parameter both drivers read alike.
    const at = sql`${done.toISOString()}::timestamptz`;
    const sent = results.filter((r) => r.error === null).map((r) => r.row);
    const failed = results.filter((r) => r.error !== null).map((r) => ({ row: r.row, reason: failureReason(r.error), permanent: isPermanentFailure(r.error) || firstJob.get(r.row.id)!.lastAttempt }));
    const permanent = failed.filter((f) => f.permanent);
    const transient = failed.filter((f) => !f.permanent);

    if (sent.length) {
      const senders = sent.map((row) => {
        const from = fromOf(row.organisationId);
        return { id: row.id, sender: typeof from === "string" ? from : `${from.name} <${from.address}>` };
      });
      await tx.execute(sql`
        update ${messages} set state = 'sent', sender = v.sender, sent_at = ${at}, updated_at = ${at}, reason = null, body_text = null, body_html = null, list_unsubscribe = null
        from json_to_recordset(${JSON.stringify(senders)}::json) as v(id uuid, sender text)
        where ${messages.id} = v.id and ${messages.state} = 'sending'`);
    }
    if (permanent.length) {
      await tx.execute(sql`
        update ${messages} set state = 'failed', failed_at = ${at}, updated_at = ${at}, reason = v.reason, body_text = null, body_html = null, list_unsubscribe = null
        from json_to_recordset(${JSON.stringify(permanent.map((f) => ({ id: f.row.id, reason: f.reason })))}::json) as v(id uuid, reason text)
        where ${messages.id} = v.id and ${messages.state} = 'sending'`);
    }
    if (transient.length) {
      const retrying = transient.map((f) => ({ id: f.row.id, reason: `Attempt ${f.row.attempts} failed, will retry: ${f.reason}` }));
      await tx.execute(sql`
        update ${messages} set state = 'queued', updated_at = ${at}, reason = v.reason
        from json_to_recordset(${JSON.stringify(retrying)}::json) as v(id uuid, reason text)
        where ${messages.id} = v.id and ${messages.state} = 'sending'`);
    }
    const suppressed = await suppressWithdrawn(
      tx,
      rest.filter((id) => !heldElsewhere.has(id)),
      done,
    );
    await recordAudits(tx, [
      ...sent.map((row) => auditOf(row, "message.send", { attempts: row.attempts })),
      ...permanent.map((f) => auditOf(f.row, "message.fail", { attempts: f.row.attempts })),
      ...suppressed.map((row) => auditOf(row, "message.suppress", { reason: WITHDRAWN })),
    ]);

    const retryIds = new Set([...transient.map((f) => f.row.id), ...heldElsewhere]);
    const toRetry = [...firstJob.values()].filter((job) => retryIds.has(job.messageId));
    const toComplete = [...[...firstJob.values()].filter((job) => !retryIds.has(job.messageId)), ...spare];
    if (toComplete.length) await settle.complete(tx, toComplete);
    if (toRetry.length) await settle.retry(tx, toRetry);

    for (const row of sent) outcomes.set(row.id, "sent");
    for (const f of failed) outcomes.set(f.row.id, f.permanent ? "failed" : "retry");
    for (const id of heldElsewhere) outcomes.set(id, "retry");
    for (const row of suppressed) outcomes.set(row.id, "suppressed");
    for (const id of ids) if (!outcomes.has(id)) outcomes.set(id, "nothing");
  });
  return outcomes;
}

/** Messages waiting (or in a stale claim) whose recipient has withdrawn consent since they were written: recorded as not sent, never sent. */
async function suppressWithdrawn(tx: Db, ids: string[], now: Date): Promise<AuditedRow[]> {
  if (!ids.length) return [];
  const stale = new Date(now.getTime() - CLAIM_STALE_MS);
  return tx
    .update(messages)
    .set({ state: "suppressed", reason: WITHDRAWN, updatedAt: now, bodyText: null, bodyHtml: null, listUnsubscribe: null })
    .where(and(idIn(ids), or(eq(messages.state, "queued"), and(eq(messages.state, "sending"), lt(messages.claimedAt, stale))), sql`not ${consentInForce}`))
    .returning(audited);
}

/**
 * Messages that are due and not in hand, a page at a time in the order they came due (after the
 * message `after`, when given; compared in the database, at its full timestamp precision): the
 * sweep queues a delivery job for each. `next` names where the following page starts, or is null.
 */
export async function dueMessages(db: Db, now = new Date(), after: string | null = null, limit = 5000): Promise<{ ids: string[]; next: string | null }> {
  const stale = new Date(now.getTime() - CLAIM_STALE_MS);
  const waiting: MessageState[] = ["queued"];
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        lte(messages.sendAfter, now),
        or(inArray(messages.state, waiting), and(eq(messages.state, "sending"), lt(messages.claimedAt, stale))),
        after ? sql`(${messages.sendAfter}, ${messages.id}) > (select m.send_after, m.id from ${messages} m where m.id = ${after}::uuid)` : undefined,
      ),
    )
    .orderBy(messages.sendAfter, messages.id)
    .limit(limit);
  return { ids: rows.map((r) => r.id), next: rows.length === limit ? rows.at(-1)!.id : null };
}
