"use client";

import { ClearFiltersButton, SearchFilter, SelectFilter, type FilterOption } from "@/components/data-table";
import { createDataTableColumnHelper, DataTable, type DataTablePage } from "@/components/data-table/data-table";
import type { TableState } from "@/components/data-table/table-state";
import { actionLabel, actorKindLabels, auditTable } from "../audit-table";
import type { AuditRow } from "../queries";
import { DateFilter } from "./date-filter";
import { formatUtc } from "./format-time";
import { isUuid } from "@/lib/ids";
import { staffText } from "@/i18n/staff";

const t = staffText("adminAudit");
const col = createDataTableColumnHelper<AuditRow>();

function Who({ row }: { row: AuditRow }) {
  if (!row.actorName) return <span className="text-muted">{actorKindLabels[row.actorKind]}</span>;
  return (
    <span>
      {row.actorName}
      {row.actorKind !== "user" ? <span className="text-muted"> ({actorKindLabels[row.actorKind].toLowerCase()})</span> : null}
    </span>
  );
}

/** Which record: a person by name, a client by record number only, anything else by type and id. */
function recordOf(row: AuditRow): string {
  if (!row.entityType) return "—";
  if (row.entityType === "user") return row.entityName ?? t("aUser");
  if (row.entityType === "client") return row.clientRecordNumber ? t("client", { recordNumber: row.clientRecordNumber }) : t("aClient");
  const words = row.entityType.replaceAll("_", " ");
  const type = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  return row.entityId ? `${type} ${row.entityId.slice(0, 8)}` : type;
}

function Detail({ detail }: { detail: AuditRow["detail"] }) {
  const entries = Object.entries(detail ?? {});
  if (entries.length === 0) return <span className="text-muted">—</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-muted">{key}</dt>
          <dd className="font-mono">
            <DetailValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}


/** Ids are shortened to their first eight characters; the whole id is in the tooltip and the CSV. */
function DetailValue({ value }: { value: string | number | boolean | null }) {
  if (value === null) return <>—</>;
  const text = String(value);
  if (isUuid(text)) return <abbr title={text} className="no-underline">{text.slice(0, 8)}…</abbr>;
  return <span className="break-all">{text}</span>;
}

const columns = col.columns([
  col.accessor("occurredAt", {
    header: t("columnTime"),
    cell: (info) => <time dateTime={info.getValue()} className="tabular-nums">{formatUtc(info.getValue(), { seconds: true, zone: false })}</time>,
  }),
  col.display({ id: "who", header: t("columnWho"), cell: (info) => <Who row={info.row.original} /> }),
  col.accessor("action", {
    header: t("columnAction"),
    enableSorting: false,
    cell: (info) => <span title={info.getValue()}>{actionLabel(info.getValue())}</span>,
  }),
  col.display({ id: "entity", header: t("columnRecord"), cell: (info) => recordOf(info.row.original), meta: { hideable: true, label: t("columnRecord") } }),
  col.accessor("clientRecordNumber", { id: "client", header: t("columnClient"), enableSorting: false, cell: (info) => info.getValue() ?? "—", meta: { hideable: true, label: t("columnClient") } }),
  col.accessor("ip", {
    header: t("columnFrom"),
    enableSorting: false,
    cell: (info) => <span className="font-mono text-xs">{info.getValue() ?? "—"}</span>,
    meta: { hideable: true, label: t("columnFromLabel") },
  }),
  col.accessor("detail", {
    header: t("columnDetail"),
    enableSorting: false,
    cell: (info) => <Detail detail={info.getValue()} />,
    meta: { hideable: true, label: t("columnDetail"), className: "whitespace-normal min-w-48" },
  }),
]);

interface Props {
  rows: AuditRow[];
  state: TableState<unknown>;
  page: DataTablePage;
  /** The person the user filter names; the list of everyone is fetched when the page is idle. */
  selectedUser: FilterOption | null;
  actions: FilterOption[];
}

async function loadPeople(): Promise<FilterOption[]> {
  const response = await fetch("/api/admin/audit/people", { cache: "no-store" });
  if (!response.ok) throw new Error(`people: ${response.status}`);
  return ((await response.json()) as { people: FilterOption[] }).people;
}

export function AuditLogTable({ rows, state, page, selectedUser, actions }: Props) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      getRowId={(r) => String(r.id)}
      state={state}
      totalCount={null}
      page={page}
      caption={t("caption")}
      emptyMessage={t("empty")}
      sortable={auditTable.sortable}
      pageSizes={auditTable.pageSizes}
      toolbar={
        <>
          <SelectFilter name="user" label={t("filterUser")} options={selectedUser ? [selectedUser] : []} loadOptions={loadPeople} anyLabel={t("filterUserAny")} />
          <SearchFilter name="client" label={t("filterClient")} placeholder={t("filterClientPlaceholder")} className="min-w-44" />
          <SelectFilter name="action" label={t("filterAction")} options={actions} anyLabel={t("filterActionAny")} />
          <DateFilter name="from" label={t("filterFrom")} />
          <DateFilter name="to" label={t("filterTo")} />
          <ClearFiltersButton names={auditTable.filterKeys} />
        </>
      }
    />
  );
}
