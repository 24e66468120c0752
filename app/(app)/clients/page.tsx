import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { RosterTable } from "@/clients/components/roster-table";
import { rosterFilterOptions } from "@/clients/queries";
import { listRoster } from "@/clients/roster";
import { rosterTable } from "@/clients/roster-table";
import { tableLayout } from "@/components/data-table/table-state";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("clients");

export const metadata: Metadata = { title: t("clients") };

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const params = await searchParams;
  const state = rosterTable.parse(params);
  const imported = typeof params.imported === "string" ? Number(params.imported) : null;
  const cursor = rosterTable.readCursor(state);
  const [roster, options] = await Promise.all([
    listRoster(getDb(), actor, {
      sort: state.sort,
      filters: state.filters,
      pageSize: state.pageSize,
      cursor: cursor ? { [cursor.direction]: cursor.values } : {},
    }),
    rosterFilterOptions(getDb(), actor),
  ]);
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("clients")}</h1>
          <p className="text-sm text-muted">
            {actor.role === "supervisor" ? t("introSupervisor") : t("introCounselor")}
          </p>
        </div>
        <div className="flex gap-2">
          <Link href="/clients/import" className={buttonClass("secondary")}>
            {t("importCsv")}
          </Link>
          <Link href="/clients/new" className={buttonClass("primary")}>
            {t("newClient")}
          </Link>
        </div>
      </header>
      {imported ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-bg px-3 py-2 text-sm text-ok">
          {t("importedClients", { count: String(imported) })}
        </p>
      ) : null}
      <RosterTable rows={roster.rows} state={state} totalCount={roster.total} totalIsEstimate={roster.totalIsEstimate} page={roster.page} tags={options.tags} counselors={options.counselors} layout={tableLayout(rosterTable)} />
    </div>
  );
}
