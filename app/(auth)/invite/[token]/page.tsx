import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getActor } from "@/auth/session";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { AuthCard } from "@/users/components/auth-card";
import { SetPasswordForm } from "@/users/components/set-password-form";
import { acceptInvitationAction } from "@/users/link-actions";
import { findUsableToken } from "@/users/tokens";

const t = staffText("invite");

// The token is in the path: never send it on as a referrer.
export const metadata: Metadata = { title: t("title"), referrer: "no-referrer" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const holder = await findUsableToken(getDb(), "invite", token);
  if (!holder) notFound();
  const signedIn = await getActor();
  return (
    <AuthCard
      title={t("title")}
      intro={
        <>
          {t.rich("intro", { name: holder.name, email: holder.email, strong: (chunks) => <strong className="font-medium text-ink">{chunks}</strong> })}
        </>
      }
    >
      {signedIn ? (
        <p role="note" className="mb-4 rounded-md border border-warn/30 bg-warn-bg px-3 py-2 text-sm text-warn">
          {t("signedInElsewhere", { name: signedIn.name })}
        </p>
      ) : null}
      <SetPasswordForm action={acceptInvitationAction} token={token} email={holder.email} submitLabel={t("submit")} />
    </AuthCard>
  );
}
