import type { Metadata } from "next";
import { requireActor } from "@/auth/session";
import { CaseloadExport } from "@/reports/components/caseload-export";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { TeamTable } from "@/team/components/team-table";
import { listTeam } from "@/team/queries";

const t = staffText("team");

export const metadata: Metadata = { title: t("title") };

export default async function TeamPage() {
  const actor = await requireActor(["supervisor"]);
  const members = await listTeam(getDb(), actor);
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted">
          {t("intro")}
        </p>
      </header>
      <CaseloadExport />
      {members.length ? (
        <TeamTable members={members} />
      ) : (
        <p className="rounded-lg border border-line bg-white px-4 py-8 text-center text-sm text-muted">
          {t("empty")}
        </p>
      )}
    </div>
  );
}
