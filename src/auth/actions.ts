"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { FormState } from "@/lib/form-state";
import { safeCallbackPath } from "@/lib/safe-path";
import { signIn, signOut } from "./config";
import { signInSchema } from "./credentials";
import { SESSION_MARKER_COOKIE } from "./marker";
import { checkThrottle, describeRetry } from "./throttle";
import { currentRequestMeta } from "./request-meta";
import { getActorIncludingSetup } from "./session";
import { recordSignOut } from "./sign-out";
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

const GENERIC_FAILURE = ae("noMatch");
const GENERIC_FAILURE_WITH_CODE = ae("noMatchWithCode");

/**
 * Sign-in is the one action without an actor, so it cannot go through formAction; it follows
 * the same steps (zod, typed state, audit, which verifyCredentials writes).
 */
export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get("email") ?? "");
  const values = { email };
  const code = String(formData.get("code") ?? "");
  const parsed = signInSchema.safeParse({ email, password: formData.get("password") ?? "", code });
  if (!parsed.success) {
    return { status: "error", at: Date.now(), values, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>, message: ae("checkFields") };
  }
  const redirectTo = safeCallbackPath(formData.get("callbackUrl"));
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      const verdict = await checkThrottle(getDb(), parsed.data.email, (await currentRequestMeta()).ip);
      const when = verdict.allowed ? ae("inAMinute") : describeRetry(verdict.retryAfterSeconds);
      return { status: "error", at: Date.now(), values, message: ae("tooManyAttempts", { when }) };
    }
    if (error instanceof CredentialsSignin && error.code === "second_factor") {
      // Asked whether or not the password was right: the answer comes after the code.
      return { status: "idle", at: Date.now(), values, data: { step: "code" } };
    }
    if (error instanceof AuthError) {
      return { status: "error", at: Date.now(), values, message: parsed.data.code ? GENERIC_FAILURE_WITH_CODE : GENERIC_FAILURE };
    }
    throw error;
  }
  return { status: "success", at: Date.now() };
}

export async function signOutAction(reason: "signed_out" | "idle" = "signed_out"): Promise<void> {
  const why = reason === "idle" ? "idle" : "signed_out";
  const actor = await getActorIncludingSetup();
  if (actor) await recordSignOut(getDb(), actor, await currentRequestMeta(), why);
  (await cookies()).delete(SESSION_MARKER_COOKIE);
  await signOut({ redirectTo: `/login?reason=${why}` });
}
