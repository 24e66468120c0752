import type { Metadata } from "next";
import { requireActor } from "@/auth/session";
import { lagTolerantDb } from "@/db/read-request";
import { RangeLinks } from "@/outcomes/components/range-links";
import { TeamOutcomesTable } from "@/outcomes/components/team-outcomes-table";
import { parseRange, rangeLabels } from "@/outcomes/range";
import { teamOutcomes } from "@/outcomes/team";

export const metadata: Metadata = { title: "Team outcomes" };

export default async function TeamOutcomesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["supervisor"]);
  const range = parseRange((await searchParams).range);
  const { counselors, overall, rciSource } = await teamOutcomes(await lagTolerantDb(), actor, range, new Date());
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Team outcomes</h1>
          <p className="text-sm text-muted">
            Emotional numbness, {rangeLabels[range].toLowerCase()}: clients with at least two check-ins in the period, first complete check-in against the latest, by the reliable change index (r and SD from {rciSource}).
          </p>
        </div>
        <RangeLinks basePath="/team/outcomes" current={range} />
      </header>
      <TeamOutcomesTable counselors={counselors} overall={overall} />
    </div>
  );
}
