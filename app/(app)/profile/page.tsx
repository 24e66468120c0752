import type { Metadata } from "next";
import { roleLabels } from "@/auth/actor";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { twoFactorState } from "@/auth/two-factor";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { Card, CardTitle } from "@/components/ui/card";
import { ChangePasswordForm, ProfileNameForm } from "@/users/components/profile-forms";
import { DisableTwoFactorForm } from "@/users/components/two-factor-forms";
import { alertPreferences } from "@/messaging/counselor-alerts";
import { AlertPreferencesForm } from "@/messaging/components/alert-preferences-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const actor = await requireActor();
  const twoFactor = await twoFactorState(getDb(), actor.userId);
  const alerts = await alertPreferences(getDb(), actor.userId);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
        <p className="text-sm text-muted">
          {actor.email} · {roleLabels[actor.role]}
        </p>
      </header>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">Name</CardTitle>
          <ProfileNameForm name={actor.name} />
        </Card>
        <Card>
          <CardTitle className="mb-1">Password</CardTitle>
          <p className="mb-4 text-sm text-muted">Changing it signs you out everywhere, here included.</p>
          <ChangePasswordForm />
        </Card>
        <Card>
          <CardTitle className="mb-1">Two-factor sign-in</CardTitle>
          {twoFactor.enabled ? (
            <>
              <p className="mb-4 text-sm text-muted">
                <strong className="text-ok">On.</strong> You sign in with your password and a code from your app.{" "}
                {twoFactor.recoveryCodesLeft === 1 ? "1 recovery code is" : `${twoFactor.recoveryCodesLeft} recovery codes are`} left.
              </p>
              <DisableTwoFactorForm />
            </>
          ) : (
            <>
              <p className="mb-4 text-sm text-muted">
                <strong>Off.</strong> Add a code from an app on your phone to your sign-in, so a stolen password alone cannot open your account.
              </p>
              <Link href="/two-factor" className={buttonClass("primary")}>
                Set up two-factor sign-in
              </Link>
            </>
          )}
        </Card>
        <Card>
          <CardTitle className="mb-1">Email alerts</CardTitle>
          <p className="mb-4 text-sm text-muted">Which alerts about your clients reach you by email.</p>
          <AlertPreferencesForm values={alerts} />
        </Card>
      </div>
    </div>
  );
}
