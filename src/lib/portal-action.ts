import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { currentRequestMeta } from "@/auth/request-meta";
import { getDb } from "@/db/client";
import { resolvePortalLink } from "@/portal/session";
import type { FormState } from "./form-state";
import { executePortalAction, type PortalActionSpec, type PortalHandler } from "./portal-action-core";

const LINK_GONE = "This link does not work any more, so nothing was saved. Your answers are still here: ask your counselor for a new link.";

/**
 * Builds a server action for the client portal: the private link in the form is the only
 * credential, resolved (and throttled) exactly as the page resolves it.
 */
export function portalFormAction<S extends z.ZodType, R, T>(
  spec: PortalActionSpec<S, R, T>,
  handler: PortalHandler<S, R, T>,
  success: (result: T) => { message: string },
) {
  return async function run(_previous: FormState, formData: FormData): Promise<FormState> {
    const at = Date.now();
    const { token, ...input } = Object.fromEntries([...formData.entries()].filter(([k, v]) => !k.startsWith("$ACTION") && typeof v === "string")) as Record<string, string>;
    const meta = await currentRequestMeta();
    const holder = await resolvePortalLink(getDb(), token ?? "", meta.ip);
    if (!holder) return { status: "error", at, message: LINK_GONE };
    const outcome = await executePortalAction(getDb(), holder, spec, handler, input, meta);
    switch (outcome.kind) {
      case "not_found":
        return { status: "error", at, message: "This is no longer open for you, so nothing was saved. Your answers are still here." };
      case "invalid":
      case "refused":
        return { status: "error", at, message: outcome.message, fieldErrors: outcome.fieldErrors };
      case "ok":
        revalidatePath(`/p/${token}`);
        return { status: "success", at, ...success(outcome.result) };
    }
  };
}
