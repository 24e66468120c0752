import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/auth/actions";
import { requireActorIncludingSetup } from "@/auth/session";
import { twoFactorState } from "@/auth/two-factor";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { AuthCard } from "@/users/components/auth-card";
import { TwoFactorSetup } from "@/users/components/two-factor-forms";

export const metadata: Metadata = { title: "Two-factor sign-in" };

// Outside the signed-in shell on purpose: a person the organisation holds back until they set
// up two-factor sign-in can reach this page, and nothing else.
export default async function TwoFactorPage() {
  const actor = await requireActorIncludingSetup();
  const state = await twoFactorState(getDb(), actor.userId);
  const signOut = (
    <form action={signOutAction.bind(null, "signed_out")} className="mt-4 text-center">
      <button type="submit" className="text-sm text-muted underline underline-offset-2 hover:text-ink">
        Sign out
      </button>
    </form>
  );
  if (state.enabled) {
    return (
      <AuthCard title="Two-factor sign-in" intro="Two-factor sign-in is on for your account." footer={signOut}>
        <Link href="/profile" className={buttonClass("primary")}>
          Back to your profile
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Set up two-factor sign-in"
      intro={
        actor.twoFactorSetupRequired
          ? "Your organisation requires two-factor sign-in for counselors and supervisors. Set it up to continue: after your password, you will also enter a code from an app on your phone."
          : "After your password, you will also enter a code from an app on your phone, so a stolen password alone cannot open your account."
      }
      footer={signOut}
    >
      <TwoFactorSetup continueTo={actor.twoFactorSetupRequired ? "/" : "/profile"} />
    </AuthCard>
  );
}
