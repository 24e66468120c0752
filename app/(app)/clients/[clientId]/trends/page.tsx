import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { AdherenceChart, IntensityChart } from "@/outcomes/components/activity-charts";
import { ChangeTable } from "@/outcomes/components/change-table";
import { RangeLinks } from "@/outcomes/components/range-links";
import { MarkerList, ScoreTrend } from "@/outcomes/components/score-trend";
import { parseRange, rangeLabels } from "@/outcomes/range";
import { clientTrends } from "@/outcomes/trends";
import { todayIn } from "@/lib/zod-fields";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("trends");

export const metadata: Metadata = { title: t("trends") };

export default async function TrendsTab({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const range = parseRange((await searchParams).range);
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  // The view is recorded while the data is read (not before it): if the record fails, the page fails and shows nothing.
  const [, trends] = await Promise.all([
    auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "trends" } }),
    clientTrends(getDb(), actor, client, range),
  ]);

  const today = todayIn(client.timeZone);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("trendsHeading", { range: rangeLabels[range] })}</h2>
        <RangeLinks basePath={`/clients/${client.id}/trends`} current={range} />
      </div>

      {trends.indicators.length === 0 ? (
        <p className="rounded-lg border border-line bg-white p-4 text-sm text-muted">{t("noScoredCheckins")}</p>
      ) : (
        <>
          <section aria-labelledby="change-heading" className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="change-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">
                {t("baselineVsLatest")}
              </h2>
              <Link href="/methods" className="text-sm font-medium text-brand-800 underline underline-offset-2">
                {t("howIsThisComputed")}
              </Link>
            </div>
            <ChangeTable indicators={trends.indicators} />
          </section>
          <section aria-labelledby="scores-heading" className="space-y-3">
            <h2 id="scores-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">
              {t("scoresOverTime")}
            </h2>
            <div className="grid gap-4 xl:grid-cols-2">
              {trends.indicators.map((i) => (
                <ScoreTrend key={i.url} indicator={i} markers={trends.markers} endDay={today} />
              ))}
            </div>
            <MarkerList markers={trends.markers} />
            <p className="text-sm">
              <Link href={`/clients/${client.id}/trends/items?range=${range}`} className="font-medium text-brand-800 underline underline-offset-2">
                {t("whichQuestionsMovedSeeItem")}
              </Link>
            </p>
          </section>
        </>
      )}

      <section aria-labelledby="practice-heading" className="space-y-3">
        <h2 id="practice-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">
          {t("practiceBetweenSessions")}
        </h2>
        <div className="grid gap-4 xl:grid-cols-2">
          <AdherenceChart weeks={trends.adherence} />
          <IntensityChart points={trends.intensity} />
        </div>
      </section>
    </div>
  );
}
