import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type AuditEntry } from "@/audit/record";
import { hasRole, type Actor } from "@/auth/actor";
import type { RequestMeta } from "@/auth/credentials";
import type { Db } from "@/db/client";
import { userFaultOf } from "@/db/errors";
import { idempotencyKeys, type UserRole } from "@/db/schema";
import { ActionRefused, NotFoundError } from "./errors";
import { UNSTORABLE_MESSAGE, unstorableFields } from "./storable-text";
import { staffText } from "@/i18n/staff";

const ae = staffText("actionErrors");

export type AuditSpec = Omit<AuditEntry, "organisationId" | "actorKind" | "actorUserId" | "ip" | "userAgent">;

export interface ActionSpec<S extends z.ZodType, R, T> {
  /** A name for logs, idempotency and the audit trail, e.g. "client.update". */
  name: string;
  schema: S;
  /** Roles that may use the action at all; the record check below still applies. */
  roles?: readonly UserRole[];
  /**
   * Loads the very record the action touches, scoped to the actor (organisation, caseload) in
   * its WHERE clause. null means missing or not allowed, and both answer as not found.
   */
  load?: (db: Db, actor: Actor, input: z.output<S>) => Promise<R | null>;
  /** The audit event, written in the same transaction as the work. */
  audit: (args: { actor: Actor; input: z.output<S>; record: R; result: T }) => AuditSpec;
}

export type Handler<S extends z.ZodType, R, T> = (ctx: {
  db: Db;
  actor: Actor;
  input: z.output<S>;
  record: R;
  /** Where the request came from, for handlers that write more than the one audit event. */
  meta: RequestMeta;
}) => Promise<T>;

export type ActionOutcome<T, I = unknown> =
  | { kind: "ok"; result: T; input: I }
  | { kind: "duplicate" }
  | { kind: "invalid"; fieldErrors: Record<string, string[]>; message: string }
  | { kind: "refused"; message: string; fieldErrors: Record<string, string[]>; code: "refused" | "conflict" }
  | { kind: "not_found" };

const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "<user id> <action>" of the person who first used an idempotency key, or null. */
async function priorKeyOwner(db: Db, actor: Actor, key: string): Promise<string | null> {
  const [prior] = await db
    .select({ action: idempotencyKeys.action, userId: idempotencyKeys.userId })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.organisationId, actor.organisationId), eq(idempotencyKeys.key, key)));
  return prior ? `${prior.userId ?? ""} ${prior.action}` : null;
}

/**
 * The path every mutation takes, in order: role check, input parsing (text PostgreSQL cannot
 * store is refused first), then in one transaction the record check, the person's idempotency
 * key, the handler and its audit event. Nothing is written unless all succeed.
 * A form's idempotency key makes a repeated submission (double tap, retry) a no-op.
 */
export async function executeAction<S extends z.ZodType, R, T>(
  db: Db,
  actor: Actor,
  spec: ActionSpec<S, R, T>,
  handler: Handler<S, R, T>,
  rawInput: unknown,
  meta: RequestMeta,
  idempotencyKey?: string,
): Promise<ActionOutcome<T, z.output<S>>> {
  if (!hasRole(actor, spec.roles)) return { kind: "not_found" };
  const unstorable = isPlainRecord(rawInput) ? unstorableFields(rawInput) : {};
  if (Object.keys(unstorable).length > 0) return { kind: "invalid", fieldErrors: unstorable, message: UNSTORABLE_MESSAGE };
  const parsed = spec.schema.safeParse(rawInput);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    const fieldErrors = Object.fromEntries(
      Object.entries(flat.fieldErrors).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
    );
    return {
      kind: "invalid",
      fieldErrors,
      message: flat.formErrors[0] ?? ae("fieldsNeedAttention"),
    };
  }
  const input = parsed.data;
  const key = idempotencyKey && idempotencyKeySchema.safeParse(idempotencyKey).success ? idempotencyKey : undefined;
  try {
    return await db.transaction(async (tx) => {
      // The record first: someone who may not touch it learns nothing, not even that a key was used.
      let record = undefined as R;
      if (spec.load) {
        const loaded = await spec.load(tx, actor, input);
        if (loaded === null || loaded === undefined) {
          // Their own repeat of a submission that removed the record from reach (a discharge, a
          // revocation) is still "already saved".
          if (key && (await priorKeyOwner(tx, actor, key)) === `${actor.userId} ${spec.name}`) return { kind: "duplicate" } as const;
          throw new NotFoundError();
        }
        record = loaded;
      }
      if (key) {
        const inserted = await tx
          .insert(idempotencyKeys)
          .values({ organisationId: actor.organisationId, key, action: spec.name, userId: actor.userId })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (inserted.length === 0) {
          const owner = await priorKeyOwner(tx, actor, key);
          // A key belongs to the person who made it: anyone else's replay answers as not found.
          if (!owner?.startsWith(`${actor.userId} `)) throw new NotFoundError();
          if (owner === `${actor.userId} ${spec.name}`) return { kind: "duplicate" } as const;
          throw new ActionRefused(ae("formReused"));
        }
      }
      const result = await handler({ db: tx, actor, input, record, meta });
      const audit = spec.audit({ actor, input, record, result });
      await recordAudit(tx, {
        ...audit,
        organisationId: actor.organisationId,
        actorKind: "user",
        actorUserId: actor.userId,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      return { kind: "ok", result, input } as const;
    });
  } catch (error) {
    if (error instanceof NotFoundError) return { kind: "not_found" };
    if (error instanceof ActionRefused) {
      return { kind: "refused", message: error.message, fieldErrors: error.fieldErrors, code: error.code };
    }
    const fault = userFaultOf(error);
    if (fault) return { kind: "refused", message: fault.message, fieldErrors: fault.field ? { [fault.field]: [fault.message] } : {}, code: "refused" };
    throw error;
  }
}
