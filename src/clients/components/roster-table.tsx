"use client";

import { ClearFiltersButton, SearchFilter, SelectFilter } from "@/components/data-table";
import { createDataTableColumnHelper, DataTable, type DataTablePage } from "@/components/data-table/data-table";
import type { TableLayout, TableState } from "@/components/data-table/table-state";
import { formatDate } from "../display";
import { ClientName } from "./client-name";
import { focusLabels, statusLabels } from "../labels";
import type { RosterRow } from "../roster";
import { StatusBadge } from "./status-badge";
import { staffText } from "@/i18n/staff";

const t = staffText("roster");

const col = createDataTableColumnHelper<RosterRow>();

const columns = col.columns([
  col.accessor("name", {
    header: t("name"),
    cell: (info) => <ClientName client={info.row.original} />,
  }),
  col.accessor("recordNumber", { id: "recordNumber", header: t("record"), meta: { hideable: true, label: t("recordNumber") } }),
  col.accessor("status", { header: t("status"), cell: (info) => <StatusBadge status={info.getValue()} /> }),
  col.accessor("recoveryFocus", { id: "focus", header: t("focus"), cell: (info) => focusLabels[info.getValue()], meta: { hideable: true, label: t("recoveryFocus") } }),
  col.accessor("counselorName", { id: "counselor", header: t("primaryCounselor"), cell: (info) => <bdi>{info.getValue()}</bdi> }),
  col.accessor("tags", {
    header: t("tags"),
    cell: (info) => info.getValue().join(", ") || "—",
    meta: { hideable: true, label: t("tags"), className: "whitespace-normal min-w-36 text-muted" },
  }),
  col.accessor("startDate", { header: t("start"), cell: (info) => formatDate(info.getValue()), meta: { hideable: true, label: t("startDate") } }),
  col.accessor("lastContactAt", {
    id: "lastContact",
    header: t("lastContact"),
    cell: (info) => (info.getValue() ? formatDate(info.getValue()) : "—"),
    meta: { hideable: true, label: t("lastContact") },
  }),
]);

const statusOptions = Object.entries(statusLabels).map(([value, label]) => ({ value, label }));
const focusOptions = Object.entries(focusLabels).map(([value, label]) => ({ value, label }));

interface Props {
  rows: RosterRow[];
  state: TableState<unknown>;
  totalCount: number;
  totalIsEstimate?: boolean;
  page: DataTablePage;
  tags: string[];
  counselors: { id: string; name: string }[];
  /** tableLayout(rosterTable) or tableLayout(caseloadTable), from the server page. */
  layout: TableLayout;
  variant?: "roster" | "caseload";
}

export function RosterTable({ rows, state, totalCount, totalIsEstimate, page, tags, counselors, layout, variant = "roster" }: Props) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      getRowId={(r) => r.id}
      state={state}
      totalCount={totalCount}
      totalIsEstimate={totalIsEstimate}
      page={page}
      caption={variant === "caseload" ? t("captionCaseload") : t("captionRoster")}
      emptyMessage={t("noClientsMatch")}
      rowHref={(r) => `/clients/${r.id}`}
      sortable={layout.sortable}
      pageSizes={layout.pageSizes}
      toolbar={
        <>
          <SearchFilter name="q" label={t("search")} placeholder={t("nameOrRecordNumber")} />
          <SelectFilter name="status" label={t("status")} options={variant === "caseload" ? statusOptions.filter((o) => o.value !== "discharged") : statusOptions} />
          <SelectFilter name="focus" label={t("focus")} options={focusOptions} />
          {variant === "roster" ? <SelectFilter name="counselor" label={t("counselor")} options={counselors.map((c) => ({ value: c.id, label: c.name }))} /> : null}
          <SelectFilter name="tag" label={t("tag")} options={tags.map((tag) => ({ value: tag, label: tag }))} />
          <ClearFiltersButton names={layout.filterKeys} />
        </>
      }
    />
  );
}
