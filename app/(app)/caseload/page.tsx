import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { tableLayout } from "@/components/data-table/table-state";
import { buttonClass } from "@/components/ui/button";
import { listCaseload } from "@/outcomes/caseload";
import { arrangeCaseload, pageCaseload } from "@/outcomes/caseload-sort";
import { triageTable } from "@/outcomes/caseload-table";
import { CaseloadTable } from "@/outcomes/components/caseload-table";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("caseload");

export const metadata: Metadata = { title: t("caseload") };

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const state = triageTable.parse(await searchParams);
  const arranged = arrangeCaseload(await listCaseload(getDb(), actor), state.sort, state.filters.flag, state.filters.q);
  const { rows, page } = pageCaseload(arranged, state.pageSize, state.cursor);
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("caseload")}</h1>
          <p className="text-sm text-muted">{t("intro")}</p>
        </div>
        <Link href="/clients/new" className={buttonClass("primary")}>
          {t("newClient")}
        </Link>
      </header>
      <CaseloadTable rows={rows} page={page} totalCount={arranged.length} state={state} layout={tableLayout(triageTable)} />
    </div>
  );
}
