import type { z } from "zod";
import type { Actor } from "@/auth/actor";
import type { RequestMeta } from "@/auth/credentials";
import type { Db } from "@/db/client";
import { linkGuessingThrottled, recordFailedLinkLookup } from "@/portal/session";
import { executeAction, type ActionOutcome, type ActionSpec, type Handler } from "./action-core";
import { staffText } from "@/i18n/staff";

const ae = staffText("actionErrors");

export interface LinkActionSpec<S extends z.ZodType, R, T> extends ActionSpec<S, R, T> {
  /** The person the one-time link in the form (`token`) was made for, while it can be used; else null. */
  linkHolder: (db: Db, token: string) => Promise<Actor | null>;
}

/** The one answer for a used, revoked, expired or unknown one-time link: which it was is not said. */
export const LINK_NOT_VALID = ae("linkNotValid");

export type LinkOutcome<T, I> = ActionOutcome<T, I> | { kind: "link_not_valid" };

/**
 * executeAction for a form reached by a one-time link (an invitation, a password reset): the link
 * is the credential, so the person it was made for is the actor, and from there the path is the
 * same (validation, record check, one transaction with its audit event). A link that does not work
 * counts against the address, like a wrong portal link, so links cannot be guessed at speed.
 */
export async function executeLinkAction<S extends z.ZodType, R, T>(
  db: Db,
  spec: LinkActionSpec<S, R, T>,
  handler: Handler<S, R, T>,
  rawInput: Record<string, unknown>,
  meta: RequestMeta,
): Promise<LinkOutcome<T, z.output<S>>> {
  if (await linkGuessingThrottled(db, meta.ip)) return { kind: "link_not_valid" };
  const token = typeof rawInput.token === "string" ? rawInput.token : "";
  const holder = await spec.linkHolder(db, token);
  if (!holder) {
    await recordFailedLinkLookup(db, meta.ip);
    return { kind: "link_not_valid" };
  }
  return executeAction(db, holder, spec, handler, rawInput, meta);
}
