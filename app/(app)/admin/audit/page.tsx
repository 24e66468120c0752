import type { Metadata } from "next";
import { actionLabel, auditTable } from "@/audit/audit-table";
import { AuditLogTable } from "@/audit/components/audit-log-table";
import { auditFilterOptions, auditPersonLabel, listAuditEvents } from "@/audit/queries";
import { requireActor } from "@/auth/session";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("adminAudit");

export const metadata: Metadata = { title: t("title") };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["admin"]);
  const state = auditTable.parse(await searchParams);
  const cursor = auditTable.readCursor(state);
  const [events, options] = await Promise.all([
    listAuditEvents(getDb(), actor, {
      sort: state.sort,
      filters: state.filters,
      pageSize: state.pageSize,
      cursor: cursor ? { [cursor.direction]: cursor.values } : {},
    }),
    auditFilterOptions(getDb(), actor, state.filters.user),
  ]);
  const exportQuery = auditTable.toSearchParams({ ...auditTable.defaults, filters: state.filters }).toString();
  // The person chosen, if any; the browser fetches the whole list once the page has loaded.
  const selectedUser = options.selectedUser ? { value: options.selectedUser.id, label: auditPersonLabel(options.selectedUser) } : null;
  const actions = options.actions.map((a) => ({ value: a, label: actionLabel(a) })).sort((a, b) => a.label.localeCompare(b.label));
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="max-w-2xl text-sm text-muted">
            {t("intro")}
          </p>
        </div>
        <a href={`/api/admin/audit${exportQuery ? `?${exportQuery}` : ""}`} className={buttonClass("secondary")} download>
          {t("exportCsv")}
        </a>
      </header>
      <AuditLogTable rows={events.rows} state={state} page={events.page} selectedUser={selectedUser} actions={actions} />
    </div>
  );
}
