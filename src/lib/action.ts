import "server-only";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/auth/actor";
import { currentRequestMeta } from "@/auth/request-meta";
import { signOutAction } from "@/auth/actions";
import { getActor, getSessionState } from "@/auth/session";
import { getDb } from "@/db/client";
import { rememberWrite } from "@/db/read-request";
import { executeAction, type ActionSpec, type Handler } from "./action-core";
import { executeLinkAction, LINK_NOT_VALID, type LinkActionSpec } from "./link-action-core";
import { echoValues, formDataToObject } from "./form-data";
import type { FormState } from "./form-state";
import { staffText } from "@/i18n/staff";

const ae = staffText("actionErrors");

export interface FormActionSpec<S extends z.ZodType, R, T> extends ActionSpec<S, R, T> {
  revalidate?: (args: { input: z.output<S>; result: T; actor: Actor }) => string[];
  success?: (args: { input: z.output<S>; result: T }) => { message?: string; redirectTo?: string; id?: string; data?: unknown };
  /** Usable while the organisation still requires this person to set up two-factor sign-in (the setup actions). */
  duringTwoFactorSetup?: boolean;
}

/**
 * Builds a server action for a form used with useActionState. Every exported server action is
 * made here, so none can skip the session, validation, record check, transaction or audit.
 */
export function formAction<S extends z.ZodType, R, T>(spec: FormActionSpec<S, R, T>, handler: Handler<S, R, T>) {
  return async function run(_previous: FormState, formData: FormData): Promise<FormState> {
    const raw = formDataToObject(formData);
    const values = echoValues(raw);
    const at = Date.now();
    const session = await getSessionState();
    const actor = session.actor ?? (spec.duringTwoFactorSetup && session.reason === "two_factor_setup" ? session.pending : null);
    if (!actor) {
      if (!session.actor && session.reason === "two_factor_setup") {
        return { status: "error", at, values, message: ae("twoFactorFirst") };
      }
      // Keep what they typed: a session that ended mid-form must not cost the text.
      return {
        status: "error",
        at,
        values,
        message: ae("sessionEnded"),
      };
    }
    const { _idempotency, ...input } = raw;
    const outcome = await executeAction(
      getDb(),
      actor,
      spec,
      handler,
      input,
      await currentRequestMeta(),
      typeof _idempotency === "string" ? _idempotency : undefined,
    );
    switch (outcome.kind) {
      case "not_found":
        notFound();
      case "invalid":
        return { status: "error", at, values, fieldErrors: outcome.fieldErrors, message: outcome.message };
      case "refused":
        return { status: "error", at, values, fieldErrors: outcome.fieldErrors, message: outcome.message };
      case "duplicate":
        return { status: "success", at, message: ae("alreadySaved") };
      case "ok": {
        await rememberWrite();
        const args = { input: outcome.input, result: outcome.result, actor };
        for (const path of spec.revalidate?.(args) ?? []) revalidatePath(path);
        const success = spec.success?.(args) ?? {};
        if (success.redirectTo) redirect(success.redirectTo);
        return { status: "success", at, message: success.message ?? ae("saved"), id: success.id, data: success.data, values: success.data === undefined ? undefined : values };
      }
    }
  };
}

/**
 * Builds the server action of a form reached by a one-time link (invitation, password reset),
 * where the link is the credential, not a session: see executeLinkAction. On success whoever was
 * signed in on this browser is signed out (the link's holder signs in afresh), then `redirectTo`.
 */
export function linkFormAction<S extends z.ZodType, R, T>(spec: LinkActionSpec<S, R, T> & { redirectTo: string }, handler: Handler<S, R, T>) {
  return async function run(_previous: FormState, formData: FormData): Promise<FormState> {
    const raw = formDataToObject(formData);
    const values = echoValues(raw);
    const at = Date.now();
    const outcome = await executeLinkAction(getDb(), spec, handler, raw, await currentRequestMeta());
    switch (outcome.kind) {
      case "link_not_valid":
      case "not_found":
      case "duplicate":
        return { status: "error", at, message: LINK_NOT_VALID };
      case "invalid":
        return { status: "error", at, values, fieldErrors: outcome.fieldErrors, message: ae("checkFields") };
      case "refused":
        return { status: "error", at, values, fieldErrors: outcome.fieldErrors, message: outcome.message };
      case "ok":
        if (await getActor()) await signOutAction("signed_out");
        redirect(spec.redirectTo);
    }
  };
}
