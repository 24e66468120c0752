import type { Metadata } from "next";
import { requireActor } from "@/auth/session";
import { CaseloadExport } from "@/reports/components/caseload-export";
import { getDb } from "@/db/client";
import { TeamTable } from "@/team/components/team-table";
import { listTeam } from "@/team/queries";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const actor = await requireActor(["supervisor"]);
  const members = await listTeam(getDb(), actor);
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
        <p className="text-sm text-muted">
          The counselors you supervise and their open caseloads (clients not discharged, as primary counselor). Open a name to see their clients.
        </p>
      </header>
      <CaseloadExport />
      {members.length ? (
        <TeamTable members={members} />
      ) : (
        <p className="rounded-lg border border-line bg-white px-4 py-8 text-center text-sm text-muted">
          Nobody names you as their supervisor yet. An administrator sets supervisors on the Users page.
        </p>
      )}
    </div>
  );
}
