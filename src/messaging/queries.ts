import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { uuid } from "@/lib/zod-fields";
import { messageKind, messages, messageState } from "@/db/schema/messages";

export const MESSAGE_PAGE_SIZE = 50;

/**
 * The outbox's filters, from the URL (?status=, ?type=, ?before=, and ?item= for the message
 * opened). A value that does not parse is ignored, never an error. There is deliberately no
 * filter by address: free text such as an email address does not belong in a URL (history, logs).
 */
export const messageFiltersSchema = z.object({
  state: z.enum(messageState.enumValues).optional().catch(undefined),
  kind: z.enum(messageKind.enumValues).optional().catch(undefined),
  before: z.iso.datetime({ offset: true }).optional().catch(undefined),
  message: uuid().optional().catch(undefined),
});
export type MessageFilters = z.infer<typeof messageFiltersSchema>;

/** URL keys for each filter (names the rest of the app already uses for the same ideas). */
export const messageFilterKeys = { state: "status", kind: "type", before: "before", message: "item" } as const satisfies Record<keyof MessageFilters, string>;

export function parseMessageFilters(params: Record<string, string | string[] | undefined>): MessageFilters {
  const one = (key: string) => {
    const v = params[key];
    return (Array.isArray(v) ? v[0] : v) || undefined;
  };
  return messageFiltersSchema.parse({ state: one(messageFilterKeys.state), kind: one(messageFilterKeys.kind), before: one(messageFilterKeys.before), message: one(messageFilterKeys.message) });
}

export interface MessageRow {
  id: string;
  kind: (typeof messageKind.enumValues)[number];
  recipient: string;
  subject: string;
  state: (typeof messageState.enumValues)[number];
  reason: string | null;
  attempts: number;
  jobKey: string;
  createdAt: string;
  sendAfter: string;
  sentAt: string | null;
  failedAt: string | null;
}

const rowColumns = {
  id: messages.id,
  kind: messages.kind,
  recipient: messages.recipient,
  subject: messages.subject,
  state: messages.state,
  reason: messages.reason,
  attempts: messages.attempts,
  jobKey: messages.jobKey,
  createdAt: messages.createdAt,
  sendAfter: messages.sendAfter,
  sentAt: messages.sentAt,
  failedAt: messages.failedAt,
};

const toRow = (r: { createdAt: Date; sendAfter: Date; sentAt: Date | null; failedAt: Date | null } & Omit<MessageRow, "createdAt" | "sendAfter" | "sentAt" | "failedAt">): MessageRow => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  sendAfter: r.sendAfter.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
  failedAt: r.failedAt?.toISOString() ?? null,
});

/** The organisation's messages, newest first, for its administrators (the outbox and delivery log). */
export async function listOrgMessages(db: Db, actor: Actor, filters: MessageFilters): Promise<{ rows: MessageRow[]; nextBefore: string | null }> {
  const where: (SQL | undefined)[] = [eq(messages.organisationId, actor.organisationId)];
  if (filters.state) where.push(eq(messages.state, filters.state));
  if (filters.kind) where.push(eq(messages.kind, filters.kind));
  if (filters.before) where.push(lt(messages.createdAt, new Date(filters.before)));
  const rows = await db
    .select(rowColumns)
    .from(messages)
    .where(and(...where))
    .orderBy(desc(messages.createdAt))
    .limit(MESSAGE_PAGE_SIZE + 1);
  const more = rows.length > MESSAGE_PAGE_SIZE;
  const page = rows.slice(0, MESSAGE_PAGE_SIZE).map(toRow);
  return { rows: page, nextBefore: more ? page[page.length - 1]!.createdAt : null };
}

export interface MessageDetail extends MessageRow {
  sender: string;
  bodyText: string | null;
  bodyHtml: string | null;
  listUnsubscribe: string | null;
  clientId: string | null;
}

/** One message with its text, only within the administrator's own organisation. */
export async function getOrgMessage(db: Db, actor: Actor, id: string): Promise<MessageDetail | null> {
  const [row] = await db
    .select({ ...rowColumns, sender: messages.sender, bodyText: messages.bodyText, bodyHtml: messages.bodyHtml, listUnsubscribe: messages.listUnsubscribe, clientId: messages.clientId })
    .from(messages)
    .where(and(eq(messages.organisationId, actor.organisationId), eq(messages.id, id)))
    .limit(1);
  return row ? { ...toRow(row), sender: row.sender, bodyText: row.bodyText, bodyHtml: row.bodyHtml, listUnsubscribe: row.listUnsubscribe, clientId: row.clientId } : null;
}

/** The messages about one client (to them, their support people, or their counselor), newest first. */
export async function listClientMessages(db: Db, actor: Actor, clientId: string, limit = 20): Promise<MessageRow[]> {
  const rows = await db
    .select(rowColumns)
    .from(messages)
    .where(and(eq(messages.organisationId, actor.organisationId), eq(messages.clientId, clientId)))
    .orderBy(desc(messages.createdAt))
    .limit(limit);
  return rows.map(toRow);
}
