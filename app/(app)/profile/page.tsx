import type { Metadata } from "next";
import { roleLabels } from "@/auth/actor";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { twoFactorState } from "@/auth/two-factor";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { Card, CardTitle } from "@/components/ui/card";
import { ChangePasswordForm, ProfileNameForm } from "@/users/components/profile-forms";
import { DisableTwoFactorForm } from "@/users/components/two-factor-forms";
import { alertPreferences } from "@/messaging/counselor-alerts";
import { AlertPreferencesForm } from "@/messaging/components/alert-preferences-form";

const t = staffText("profile");

export const metadata: Metadata = { title: t("title") };

export default async function ProfilePage() {
  const actor = await requireActor();
  const twoFactor = await twoFactorState(getDb(), actor.userId);
  const alerts = await alertPreferences(getDb(), actor.userId);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted">
          {actor.email} · {roleLabels[actor.role]}
        </p>
      </header>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">{t("nameTitle")}</CardTitle>
          <ProfileNameForm name={actor.name} />
        </Card>
        <Card>
          <CardTitle className="mb-1">{t("passwordTitle")}</CardTitle>
          <p className="mb-4 text-sm text-muted">{t("passwordIntro")}</p>
          <ChangePasswordForm />
        </Card>
        <Card>
          <CardTitle className="mb-1">{t("twoFactorTitle")}</CardTitle>
          {twoFactor.enabled ? (
            <>
              <p className="mb-4 text-sm text-muted">
                {t.rich("twoFactorOn", { count: twoFactor.recoveryCodesLeft, strong: (chunks) => <strong className="text-ok">{chunks}</strong> })}
              </p>
              <DisableTwoFactorForm />
            </>
          ) : (
            <>
              <p className="mb-4 text-sm text-muted">
                {t.rich("twoFactorOff", { strong: (chunks) => <strong>{chunks}</strong> })}
              </p>
              <Link href="/two-factor" className={buttonClass("primary")}>
                {t("setUpTwoFactor")}
              </Link>
            </>
          )}
        </Card>
        <Card>
          <CardTitle className="mb-1">{t("alertsTitle")}</CardTitle>
          <p className="mb-4 text-sm text-muted">{t("alertsIntro")}</p>
          <AlertPreferencesForm values={alerts} />
        </Card>
      </div>
    </div>
  );
}
