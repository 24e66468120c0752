import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { currentRequestMeta } from "@/auth/request-meta";
import { getDb } from "@/db/client";
import { translateFormErrors } from "@/i18n/known-messages";
import { translator, type Translate } from "@/i18n/translate";
import { resolvePortalLink } from "@/portal/session";
import type { FormState } from "./form-state";
import { executePortalAction, type PortalActionSpec, type PortalHandler } from "./portal-action-core";

/**
 * Builds a server action for the client portal: the private link in the form is the only
 * credential, resolved (and throttled) exactly as the page resolves it.
 */
export function portalFormAction<S extends z.ZodType, R, T>(
  spec: PortalActionSpec<S, R, T>,
  handler: PortalHandler<S, R, T>,
  /** The success message, in the holder's language (`t` reads the "portal" messages). */
  success: (result: T, t: Translate) => { message: string },
) {
  return async function run(_previous: FormState, formData: FormData): Promise<FormState> {
    const at = Date.now();
    const { token, ...input } = Object.fromEntries([...formData.entries()].filter(([k, v]) => !k.startsWith("$ACTION") && typeof v === "string")) as Record<string, string>;
    const meta = await currentRequestMeta();
    const holder = await resolvePortalLink(getDb(), token ?? "", meta.ip);
    if (!holder) return { status: "error", at, message: translator("en", "portal.errors")("linkGone") };
    const outcome = await executePortalAction(getDb(), holder, spec, handler, input, meta);
    const t = translator(holder.language, "portal");
    switch (outcome.kind) {
      case "not_found":
        return { status: "error", at, message: t("errors.notOpen") };
      case "invalid":
      case "refused":
        // The checks are shared with the counselor screens and written in English; known ones are translated here.
        return translateFormErrors<FormState>({ status: "error", at, message: outcome.message, fieldErrors: outcome.fieldErrors }, holder.language);
      case "ok":
        revalidatePath(`/p/${token}`);
        return { status: "success", at, ...success(outcome.result, t) };
    }
  };
}
