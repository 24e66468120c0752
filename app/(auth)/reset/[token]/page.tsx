import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { AuthCard } from "@/users/components/auth-card";
import { SetPasswordForm } from "@/users/components/set-password-form";
import { resetPasswordAction } from "@/users/link-actions";
import { findUsableToken } from "@/users/tokens";

// The token is in the path: never send it on as a referrer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

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
      <SetPasswordForm action={resetPasswordAction} token={token} email={holder.email} submitLabel="Save new password" />
    </AuthCard>
  );
}
