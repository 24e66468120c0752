"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/audit/record";
import { getDb } from "@/db/client";
import type { FormState } from "@/lib/form-state";
import { safeCallbackPath } from "@/lib/safe-path";
import { signIn, signOut } from "./config";
import { signInSchema } from "./credentials";
import { SESSION_MARKER_COOKIE } from "./marker";
import { checkThrottle, describeRetry } from "./throttle";
import { currentRequestMeta } from "./request-meta";
import { getActor } from "./session";

const GENERIC_FAILURE = "That email and password do not match an active account.";

/**
 * Sign-in is the one action without an actor, so it cannot go through formAction; it follows
 * the same steps (zod, typed state, audit, which verifyCredentials writes).
 */
export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get("email") ?? "");
  const values = { email };
  const parsed = signInSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) {
    return { status: "error", at: Date.now(), values, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>, message: "Check the highlighted fields." };
  }
  const redirectTo = safeCallbackPath(formData.get("callbackUrl"));
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      const verdict = await checkThrottle(getDb(), parsed.data.email, (await currentRequestMeta()).ip);
      const when = verdict.allowed ? "in a minute" : describeRetry(verdict.retryAfterSeconds);
      return { status: "error", at: Date.now(), values, message: `Too many sign-in attempts. For your security, try again ${when}.` };
    }
    if (error instanceof AuthError) return { status: "error", at: Date.now(), values, message: GENERIC_FAILURE };
    throw error;
  }
  return { status: "success", at: Date.now() };
}

export async function signOutAction(reason: "signed_out" | "idle" = "signed_out"): Promise<void> {
  const why = reason === "idle" ? "idle" : "signed_out";
  const actor = await getActor();
  if (actor) {
    const meta = await currentRequestMeta();
    await recordAudit(getDb(), {
      organisationId: actor.organisationId,
      actorKind: "user",
      actorUserId: actor.userId,
      action: why === "idle" ? "auth.sign_out_idle" : "auth.sign_out",
      entityType: "user",
      entityId: actor.userId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  }
  (await cookies()).delete(SESSION_MARKER_COOKIE);
  await signOut({ redirectTo: `/login?reason=${why}` });
}
