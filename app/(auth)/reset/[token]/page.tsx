import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { signOutAction } from "@/auth/actions";
import { currentRequestMeta } from "@/auth/request-meta";
import { getActor } from "@/auth/session";
import { getDb } from "@/db/client";
import { formDataToObject } from "@/lib/form-data";
import type { FormState } from "@/lib/form-state";
import { AuthCard } from "@/users/components/auth-card";
import { SetPasswordForm } from "@/users/components/set-password-form";
import { findUsableToken, redeemState, redeemToken } from "@/users/tokens";

// The token is in the path: never send it on as a referrer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** Public like the invitation page: the link is the credential (see redeemToken). */
async function resetPassword(_previous: FormState, formData: FormData): Promise<FormState> {
  "use server";
  const outcome = await redeemToken(getDb(), "reset", formDataToObject(formData), await currentRequestMeta());
  if (outcome.kind !== "ok") return redeemState(outcome);
  // The new password has ended every session of the account; this browser signs in afresh.
  if (await getActor()) await signOutAction("signed_out");
  redirect("/login?reason=password_changed");
}

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const holder = await findUsableToken(getDb(), "reset", token);
  if (!holder) notFound();
  return (
    <AuthCard
      title="Choose a new password"
      intro={
        <>
          For <strong className="font-medium text-ink">{holder.email}</strong>. Saving it signs you out everywhere; then sign in with the new password.
        </>
      }
    >
      <SetPasswordForm action={resetPassword} token={token} email={holder.email} submitLabel="Save new password" />
    </AuthCard>
  );
}
