import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { formatUtc } from "@/audit/components/format-time";
import { roleLabels } from "@/auth/actor";
import { requireActor } from "@/auth/session";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { clinicianOptions, getOrgUser } from "@/users/admin-queries";
import { AccessForm } from "@/users/components/access-form";
import { AccountStatusForms } from "@/users/components/account-status-forms";
import { IssueLinkForm } from "@/users/components/link-forms";
import { ResetTwoFactorForm } from "@/users/components/two-factor-forms";
import { UserStatusBadge } from "@/users/components/user-status-badge";
import { userHasTwoFactor } from "@/users/two-factor-queries";

const t = staffText("adminUsers");

export const metadata: Metadata = { title: t("userTitle") };

async function requestTime(): Promise<number> {
  await connection();
  return Date.now();
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className="mt-0.5 text-sm text-ink">{children}</dd>
    </div>
  );
}

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireActor(["admin"]);
  const { userId } = await params;
  const [user, people, now] = await Promise.all([getOrgUser(getDb(), actor, userId), clinicianOptions(getDb(), actor), requestTime()]);
  if (!user) notFound();
  const twoFactor = await userHasTwoFactor(getDb(), actor, user.id);
  const supervisors = people.filter((p) => p.role === "supervisor").map((p) => ({ id: p.id, name: p.name }));
  const counselors = people.filter((p) => p.status === "active" && p.id !== user.id);
  return (
    <div className="space-y-6">
      <header>
        <Link href="/admin/users" className="text-sm text-brand-700 underline-offset-2 hover:underline">
          {t("backToUsers")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{user.name}</h1>
          <UserStatusBadge status={user.status} inviteExpiresAt={user.inviteExpiresAt} now={now} />
        </div>
        <p className="text-sm text-muted">{user.email}</p>
      </header>

      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Fact label={t("factRole")}>{roleLabels[user.role]}</Fact>
          <Fact label={t("factSupervisor")}>{user.supervisorName ?? t("none")}</Fact>
          <Fact label={t("factOpenClients")}>{user.openClients}</Fact>
          <Fact label={t("factSupervises")}>{t("people", { count: user.supervises })}</Fact>
          <Fact label={t("factLastSignIn")}>{user.lastSignInAt ? formatUtc(user.lastSignInAt) : t("never")}</Fact>
          <Fact label={t("factCreated")}>{formatUtc(user.createdAt)}</Fact>
        </dl>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">{t("accessTitle")}</CardTitle>
          <AccessForm userId={user.id} role={user.role} supervisorId={user.supervisorId} supervisors={supervisors} />
        </Card>
        <Card>
          <CardTitle className="mb-1">{user.status === "invited" ? t("invitationTitle") : t("passwordTitle")}</CardTitle>
          {user.status === "active" ? (
            <>
              <p className="mb-4 text-sm text-muted">
                {t("resetIntro", { name: user.name })}
              </p>
              <IssueLinkForm userId={user.id} purpose="reset" />
            </>
          ) : user.status === "invited" ? (
            <>
              <p className="mb-4 text-sm text-muted">
                {user.inviteExpiresAt && Date.parse(user.inviteExpiresAt) > now
                  ? t("inviteWorksUntil", { time: formatUtc(user.inviteExpiresAt) })
                  : t("inviteExpired")}
              </p>
              <IssueLinkForm userId={user.id} purpose="invite" />
            </>
          ) : (
            <p className="text-sm text-muted">{t("reactivateFirst")}</p>
          )}
        </Card>
      </div>

      <Card>
        <CardTitle className="mb-1">{t("twoFactorTitle")}</CardTitle>
        {twoFactor ? (
          <ResetTwoFactorForm userId={user.id} name={user.name} />
        ) : (
          <p className="text-sm text-muted">{t("twoFactorOff", { name: user.name })}</p>
        )}
      </Card>

      <Card>
        <CardTitle className="mb-3">{t("accountTitle")}</CardTitle>
        {user.supervises > 0 && user.status !== "deactivated" ? (
          <p className="mb-3 text-sm text-muted">
            {t("supervisedBy", { count: user.supervises, name: user.name })}
          </p>
        ) : null}
        <AccountStatusForms
          user={{ id: user.id, name: user.name, status: user.status, clients: user.clients }}
          counselors={counselors.map((c) => ({ id: c.id, name: c.name, role: c.role, openClients: c.openClients }))}
          isSelf={user.id === actor.userId}
        />
      </Card>
    </div>
  );
}
