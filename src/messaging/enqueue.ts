import { createHash, randomBytes } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { recordAudits } from "@/audit/record";
import { rowsOf, type Db } from "@/db/client";
import type { ActorKind } from "@/db/schema";
import { messages, type MessageKind } from "@/db/schema/messages";
import { DEFAULT_FROM, mailConfig } from "./config";
import { queueDeliveries } from "./queue";
import type { RenderedMessage } from "./templates";

export interface EnqueueInput {
  organisationId: string;
  /** Names the thing the message is about (`invite:<tokenId>`): asking twice makes one message. */
  jobKey: string;
  kind: MessageKind;
  to: string;
  content: RenderedMessage;
  clientId?: string | null;
  recipientId?: string | null;
  userId?: string | null;
  unsubscribeTokenHash?: string | null;
  /** The one-click unsubscribe address (RFC 8058), sent as List-Unsubscribe. */
  listUnsubscribe?: string | null;
  /** Not before this time (quiet hours); now when absent. */
  sendAfter?: Date;
  /** Recorded, never sent: why (no consent, no address). */
  suppressed?: string;
  /** Why a message waits (quiet hours), shown beside its state. */
  note?: string;
  /** Kept in the queue event's audit detail (never in the message): what the message was decided on. */
  auditDetail?: Record<string, string | number | boolean | null>;
  actor: { kind: ActorKind; userId?: string | null; ip?: string | null; userAgent?: string | null };
}

export interface Enqueued {
  id: string;
  /** False when a message with this key already existed (nothing new was queued). */
  created: boolean;
}

/**
 * Writes the message (and, in the same transaction, its delivery job and an audit event that
 * names the message but holds none of its text). Call it on the transaction of the work the
 * message is about.
 */
export async function enqueueMessage(db: Db, input: EnqueueInput): Promise<Enqueued> {
  return (await enqueueMessages(db, [input]))[0]!;
}

/**
 * `enqueueMessage` for many at once, with a fixed number of statements whatever their number: the
 * messages in one insert, their audit events in another, their delivery jobs in a third. The
 * results are in the inputs' order; a key already used (before, or earlier in the same batch)
 * comes back with `created: false`.
 */
export async function enqueueMessages(db: Db, inputs: EnqueueInput[]): Promise<Enqueued[]> {
  if (inputs.length === 0) return [];
  const now = new Date();
  const sender = senderNow();
  const sendAfterOf = (input: EnqueueInput) => input.sendAfter ?? now;
  // A key given twice in the batch is written once: its first input.
  const keys = inputs.map((input) => input.jobKey);
  const firsts = inputs.filter((input, i) => keys.indexOf(input.jobKey) === i);
  const rows = firsts.map((input) => ({
    organisation_id: input.organisationId,
    job_key: input.jobKey,
    kind: input.kind,
    client_id: input.clientId ?? null,
    recipient_id: input.recipientId ?? null,
    user_id: input.userId ?? null,
    recipient: input.to,
    subject: input.content.subject,
    body_text: input.suppressed ? null : input.content.text,
    body_html: input.suppressed ? null : input.content.html,
    unsubscribe_token_hash: input.suppressed ? null : (input.unsubscribeTokenHash ?? null),
    list_unsubscribe: input.suppressed ? null : (input.listUnsubscribe ?? null),
    state: input.suppressed ? "suppressed" : "queued",
    reason: input.suppressed ?? input.note ?? null,
    send_after: sendAfterOf(input).toISOString(),
    created_by: input.actor.kind === "user" ? (input.actor.userId ?? null) : null,
  }));
  // The messages travel as one JSON parameter: one statement text for a batch of any size, and
  // nothing built per message but its JSON (a query builder's cost grows with rows × columns).
  const made = rowsOf<{ id: string; jobKey: string }>(
    await db.execute(sql`
      insert into ${messages} (organisation_id, job_key, kind, client_id, recipient_id, user_id, sender, recipient, subject, body_text, body_html, unsubscribe_token_hash, list_unsubscribe, state, reason, send_after, created_by, created_at, updated_at)
      select organisation_id, job_key, kind::message_kind, client_id, recipient_id, user_id, ${sender}, recipient, subject, body_text, body_html, unsubscribe_token_hash, list_unsubscribe, state::message_state, reason, send_after, created_by, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from json_to_recordset(${JSON.stringify(rows)}::json) as v(organisation_id uuid, job_key text, kind text, client_id uuid, recipient_id uuid, user_id uuid, recipient text, subject text, body_text text, body_html text, unsubscribe_token_hash text, list_unsubscribe text, state text, reason text, send_after timestamptz, created_by uuid)
      on conflict (job_key) do nothing
      returning id, job_key as "jobKey"`),
  );
  const createdId = new Map(made.map((m) => [m.jobKey, m.id]));
  const missing = inputs.filter((i) => !createdId.has(i.jobKey)).map((i) => i.jobKey);
  const existingId = new Map(
    missing.length ? (await db.select({ id: messages.id, jobKey: messages.jobKey }).from(messages).where(inArray(messages.jobKey, [...new Set(missing)]))).map((m) => [m.jobKey, m.id]) : [],
  );
  const created = firsts.filter((input) => createdId.has(input.jobKey));
  await recordAudits(
    db,
    created.map((input) => {
      const sendAfter = sendAfterOf(input);
      return {
        organisationId: input.organisationId,
        actorKind: input.actor.kind,
        actorUserId: input.actor.userId ?? null,
        action: input.suppressed ? "message.suppress" : "message.queue",
        entityType: "message",
        entityId: createdId.get(input.jobKey)!,
        clientId: input.clientId ?? null,
        ip: input.actor.ip ?? null,
        userAgent: input.actor.userAgent ?? null,
        detail: { kind: input.kind, ...input.auditDetail, ...(input.suppressed ? { reason: input.suppressed } : {}), ...(sendAfter > now ? { sendAfter: sendAfter.toISOString() } : {}) },
      };
    }),
  );
  await queueDeliveries(
    db,
    created.filter((input) => !input.suppressed).map((input) => ({ messageId: createdId.get(input.jobKey)!, startAfter: sendAfterOf(input) })),
  );
  return inputs.map((input, i) => {
    const id = createdId.get(input.jobKey);
    return id ? { id, created: keys.indexOf(input.jobKey) === i } : { id: existingId.get(input.jobKey)!, created: false };
  });
}

/** The From the configuration names now; the worker writes the one it used when it sends. */
function senderNow(): string {
  try {
    return mailConfig().from;
  } catch {
    return DEFAULT_FROM;
  }
}

/** A one-click unsubscribe token (RFC 8058): the raw value goes into the message, only its hash is stored. */
export function newUnsubscribeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashUnsubscribeToken(token) };
}

export function hashUnsubscribeToken(token: string): string {
  return createHash("sha256").update(`unsubscribe:${token}`).digest("hex");
}
