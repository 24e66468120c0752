import { z } from "zod";
import { recordAudit } from "@/audit/record";
import type { RequestMeta } from "@/auth/credentials";
import type { Db } from "@/db/client";
import { userFaultOf } from "@/db/errors";
import type { PortalHolder } from "@/portal/session";
import type { AuditSpec } from "./action-core";
import { ActionRefused, NotFoundError } from "./errors";
import { UNSTORABLE_MESSAGE, unstorableFields } from "./storable-text";

export interface PortalActionSpec<S extends z.ZodType, R, T> {
  name: string;
  schema: S;
  /** Loads the record the action touches, scoped to the link's holder; null = not found. */
  load: (db: Db, holder: PortalHolder, input: z.output<S>) => Promise<R | null>;
  audit: (args: { holder: PortalHolder; input: z.output<S>; record: R; result: T }) => AuditSpec;
}

export type PortalHandler<S extends z.ZodType, R, T> = (ctx: { db: Db; holder: PortalHolder; input: z.output<S>; record: R }) => Promise<T>;

export type PortalOutcome<T> =
  | { kind: "ok"; result: T }
  | { kind: "invalid"; fieldErrors: Record<string, string[]>; message: string }
  | { kind: "refused"; message: string; fieldErrors: Record<string, string[]> }
  | { kind: "not_found" };

/**
 * The portal's counterpart of executeAction: the private link's holder is the actor. Input is
 * parsed, the record is loaded for that holder only, and the work and its audit event commit
 * together or not at all.
 */
export async function executePortalAction<S extends z.ZodType, R, T>(
  db: Db,
  holder: PortalHolder,
  spec: PortalActionSpec<S, R, T>,
  handler: PortalHandler<S, R, T>,
  rawInput: unknown,
  meta: RequestMeta,
): Promise<PortalOutcome<T>> {
  const unstorable = typeof rawInput === "object" && rawInput !== null ? unstorableFields(rawInput as Record<string, unknown>) : {};
  if (Object.keys(unstorable).length > 0) return { kind: "invalid", fieldErrors: unstorable, message: UNSTORABLE_MESSAGE };
  const parsed = spec.schema.safeParse(rawInput);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    return {
      kind: "invalid",
      fieldErrors: Object.fromEntries(Object.entries(flat.fieldErrors).filter((e): e is [string, string[]] => Array.isArray(e[1]))),
      message: flat.formErrors[0] ?? (Object.values(flat.fieldErrors) as string[][]).flat()[0] ?? "Something in the form needs attention.",
    };
  }
  const input = parsed.data;
  try {
    return await db.transaction(async (tx) => {
      const record = await spec.load(tx, holder, input);
      if (record === null) throw new NotFoundError();
      const result = await handler({ db: tx, holder, input, record });
      await recordAudit(tx, {
        ...spec.audit({ holder, input, record, result }),
        organisationId: holder.organisationId,
        actorKind: "portal",
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      return { kind: "ok", result } as const;
    });
  } catch (error) {
    if (error instanceof NotFoundError) return { kind: "not_found" };
    if (error instanceof ActionRefused) return { kind: "refused", message: error.message, fieldErrors: error.fieldErrors };
    const fault = userFaultOf(error);
    if (fault) return { kind: "refused", message: fault.message, fieldErrors: fault.field ? { [fault.field]: [fault.message] } : {} };
    throw error;
  }
}
