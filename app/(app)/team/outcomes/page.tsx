import type { Metadata } from "next";
import { requireActor } from "@/auth/session";
import { lagTolerantDb } from "@/db/read-request";
import { staffText } from "@/i18n/staff";
import { RangeLinks } from "@/outcomes/components/range-links";
import { TeamOutcomesTable } from "@/outcomes/components/team-outcomes-table";
import { parseRange, rangeLabels } from "@/outcomes/range";
import { teamOutcomes } from "@/outcomes/team";

const t = staffText("team");

export const metadata: Metadata = { title: t("outcomesTitle") };

export default async function TeamOutcomesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["supervisor"]);
  const range = parseRange((await searchParams).range);
  const { counselors, overall, rciSource } = await teamOutcomes(await lagTolerantDb(), actor, range, new Date());
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("outcomesTitle")}</h1>
          <p className="text-sm text-muted">
            {t("outcomesIntro", { range: rangeLabels[range].toLowerCase(), rciSource })}
          </p>
        </div>
        <RangeLinks basePath="/team/outcomes" current={range} />
      </header>
      <TeamOutcomesTable counselors={counselors} overall={overall} />
    </div>
  );
}
