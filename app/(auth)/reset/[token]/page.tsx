import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { AuthCard } from "@/users/components/auth-card";
import { SetPasswordForm } from "@/users/components/set-password-form";
import { resetPasswordAction } from "@/users/link-actions";
import { findUsableToken } from "@/users/tokens";

const t = staffText("reset");

// The token is in the path: never send it on as a referrer.
export const metadata: Metadata = { title: t("title"), referrer: "no-referrer" };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const holder = await findUsableToken(getDb(), "reset", token);
  if (!holder) notFound();
  return (
    <AuthCard
      title={t("title")}
      intro={
        <>
          {t.rich("intro", { email: holder.email, strong: (chunks) => <strong className="font-medium text-ink">{chunks}</strong> })}
        </>
      }
    >
      <SetPasswordForm action={resetPasswordAction} token={token} email={holder.email} submitLabel={t("submit")} />
    </AuthCard>
  );
}
