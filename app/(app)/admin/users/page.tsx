import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireActor } from "@/auth/session";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { listOrgUsers } from "@/users/admin-queries";
import { Card, CardTitle } from "@/components/ui/card";
import { OrgTwoFactorForm } from "@/users/components/two-factor-forms";
import { UsersTable } from "@/users/components/users-table";
import { orgTwoFactorSummary } from "@/users/two-factor-queries";
import { PaperSizeForm } from "@/reports/components/paper-size-form";
import { organisationPaperSize } from "@/reports/paper-size-queries";

const t = staffText("adminUsers");

export const metadata: Metadata = { title: t("title") };

async function requestTime(): Promise<number> {
  await connection();
  return Date.now();
}

export default async function UsersPage() {
  const actor = await requireActor(["admin"]);
  const [users, now, twoFactor, paper] = await Promise.all([listOrgUsers(getDb(), actor), requestTime(), orgTwoFactorSummary(getDb(), actor), organisationPaperSize(getDb(), actor)]);
  const active = users.filter((u) => u.status === "active").length;
  const invited = users.filter((u) => u.status === "invited").length;
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted">
            {invited ? t("summaryWithInvited", { active: String(active), invited: String(invited) }) : t("summary", { active: String(active) })}
          </p>
        </div>
        <Link href="/admin/users/invite" className={buttonClass("primary")}>
          {t("inviteUser")}
        </Link>
      </header>
      <UsersTable users={users} now={now} />
      <Card>
        <CardTitle className="mb-2">{t("twoFactorTitle")}</CardTitle>
        <OrgTwoFactorForm required={twoFactor.required} clinicalWithout={twoFactor.clinicalWithout} />
      </Card>
      <Card>
        <CardTitle className="mb-2">{t("reportsTitle")}</CardTitle>
        <PaperSizeForm current={paper} />
      </Card>
    </div>
  );
}
