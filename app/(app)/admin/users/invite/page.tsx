import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { clinicianOptions } from "@/users/admin-queries";
import { InviteForm } from "@/users/components/invite-form";

const t = staffText("adminUsers");

export const metadata: Metadata = { title: t("inviteTitle") };

export default async function InviteUserPage() {
  const actor = await requireActor(["admin"]);
  const people = await clinicianOptions(getDb(), actor);
  const supervisors = people.filter((p) => p.role === "supervisor").map((p) => ({ id: p.id, name: p.name }));
  return (
    <div className="max-w-3xl space-y-5">
      <header>
        <Link href="/admin/users" className="text-sm text-brand-700 underline-offset-2 hover:underline">
          {t("backToUsers")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("inviteTitle")}</h1>
        <p className="text-sm text-muted">
          {t("inviteIntro")}
        </p>
      </header>
      <Card>
        <InviteForm supervisors={supervisors} />
      </Card>
    </div>
  );
}
