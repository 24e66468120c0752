import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { cn } from "@/components/ui/cn";
import { ItemTrendsTable } from "@/outcomes/components/item-trends-table";
import { RangeLinks } from "@/outcomes/components/range-links";
import { ENDPOINT_SPAN } from "@/outcomes/item-summary";
import { clientItemTrends } from "@/outcomes/item-trends";
import { parseRange, rangeLabels } from "@/outcomes/range";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("trends");

export const metadata: Metadata = { title: t("itemTrends") };

export default async function ItemTrendsPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const query = await searchParams;
  const range = parseRange(query.range);
  const asked = typeof query.instrument === "string" ? query.instrument : undefined;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  const trends = await clientItemTrends(getDb(), actor, client, asked, range);
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "item_trends", instrument: trends.chosen?.url ?? null } });
  const base = `/clients/${client.id}/trends/items`;

  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href={`/clients/${client.id}/trends?range=${range}`} className="text-brand-800 underline underline-offset-2">
          {t("backToAllTrends")}
        </Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("whichQuestionsMoved", { range: rangeLabels[range] })}</h2>
        <RangeLinks basePath={base} current={range} keep={trends.chosen ? { instrument: trends.chosen.url } : {}} />
      </div>

      {trends.choices.length === 0 ? (
        <p className="rounded-lg border border-line bg-white p-4 text-sm text-muted">{t("noScoredCheckInsYet")}</p>
      ) : (
        <>
          <nav aria-label={t("checkIn")} className="flex flex-wrap gap-1">
            {trends.choices.map((c) => (
              <Link
                key={c.url}
                href={`${base}?${new URLSearchParams({ instrument: c.url, range })}`}
                aria-current={c.url === trends.chosen?.url ? "page" : undefined}
                className={cn(
                  "rounded-md border px-3 py-1 text-sm",
                  c.url === trends.chosen?.url ? "border-brand-800 bg-brand-50 font-semibold text-brand-800" : "border-line bg-white text-ink hover:bg-canvas",
                )}
              >
                {c.title}
              </Link>
            ))}
          </nav>
          {trends.chosen ? (
            <section aria-labelledby="items-heading" className="space-y-2">
              <h3 id="items-heading" className="font-semibold">
                {trends.chosen.title}
              </h3>
              <p className="max-w-3xl text-sm text-muted">
                {t("itemTrendsExplained", {
                  count: trends.checkins,
                  checkins: String(trends.checkins),
                  span: String(ENDPOINT_SPAN),
                  direction: trends.chosen.direction === "higher_is_worse" ? "lower" : "higher",
                })}
              </p>
              {trends.checkins === 0 ? (
                <p className="rounded-lg border border-line bg-white p-4 text-sm text-muted">{t("noCheckinsOfThisKind")}</p>
              ) : (
                <ItemTrendsTable items={trends.items} title={trends.chosen.title} />
              )}
            </section>
          ) : (
            <p className="text-sm text-muted">{t("thisClientHasNotAnswered")}</p>
          )}
        </>
      )}
    </div>
  );
}
