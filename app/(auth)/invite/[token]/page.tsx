import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getActor } from "@/auth/session";
import { getDb } from "@/db/client";
import { AuthCard } from "@/users/components/auth-card";
import { SetPasswordForm } from "@/users/components/set-password-form";
import { acceptInvitationAction } from "@/users/link-actions";
import { findUsableToken } from "@/users/tokens";

// The token is in the path: never send it on as a referrer.
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

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
      <SetPasswordForm action={acceptInvitationAction} token={token} email={holder.email} submitLabel="Set password" />
    </AuthCard>
  );
}
