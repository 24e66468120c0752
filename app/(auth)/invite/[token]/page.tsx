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
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

/**
 * Public by nature (the link is the credential), so it cannot use formAction, which needs a
 * session; redeemToken does the same steps: validation, the record check, one transaction, audit.
 */
async function acceptInvitation(_previous: FormState, formData: FormData): Promise<FormState> {
  "use server";
  const outcome = await redeemToken(getDb(), "invite", formDataToObject(formData), await currentRequestMeta());
  if (outcome.kind !== "ok") return redeemState(outcome);
  // Whoever was signed in on this browser is signed out: the new account signs in by itself.
  if (await getActor()) await signOutAction("signed_out");
  redirect("/login?reason=invite_accepted");
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const holder = await findUsableToken(getDb(), "invite", token);
  if (!holder) notFound();
  const signedIn = await getActor();
  return (
    <AuthCard
      title="Set your password"
      intro={
        <>
          Welcome, {holder.name}. Choose a password for <strong className="font-medium text-ink">{holder.email}</strong> to finish setting up your account.
        </>
      }
    >
      {signedIn ? (
        <p role="note" className="mb-4 rounded-md border border-warn/30 bg-warn-bg px-3 py-2 text-sm text-warn">
          {signedIn.name} is signed in on this browser. Setting this password signs them out.
        </p>
      ) : null}
      <SetPasswordForm action={acceptInvitation} token={token} email={holder.email} submitLabel="Set password" />
    </AuthCard>
  );
}
