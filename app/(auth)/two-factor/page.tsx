import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/auth/actions";
import { requireActorIncludingSetup } from "@/auth/session";
import { twoFactorState } from "@/auth/two-factor";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { AuthCard } from "@/users/components/auth-card";
import { TwoFactorSetup } from "@/users/components/two-factor-forms";

const t = staffText("twoFactor");

export const metadata: Metadata = { title: t("title") };

// Outside the signed-in shell on purpose: a person the organisation holds back until they set
// up two-factor sign-in can reach this page, and nothing else.
export default async function TwoFactorPage() {
  const actor = await requireActorIncludingSetup();
  const state = await twoFactorState(getDb(), actor.userId);
  const signOut = (
    <form action={signOutAction.bind(null, "signed_out")} className="mt-4 text-center">
      <button type="submit" className="text-sm text-muted underline underline-offset-2 hover:text-ink">
        {t("signOut")}
      </button>
    </form>
  );
  if (state.enabled) {
    return (
      <AuthCard title={t("title")} intro={t("isOn")} footer={signOut}>
        <Link href="/profile" className={buttonClass("primary")}>
          {t("backToProfile")}
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t("setUpTitle")}
      intro={
        actor.twoFactorSetupRequired
          ? t("setUpRequired")
          : t("setUpIntro")
      }
      footer={signOut}
    >
      <TwoFactorSetup continueTo={actor.twoFactorSetupRequired ? "/" : "/profile"} />
    </AuthCard>
  );
}
