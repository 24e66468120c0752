"use client";

import { ClearFiltersButton, SearchFilter, SelectFilter } from "@/components/data-table";
import { createDataTableColumnHelper, DataTable, type DataTablePage } from "@/components/data-table/data-table";
import type { TableLayout, TableState } from "@/components/data-table/table-state";
import { formatDate } from "../display";
import { ClientName } from "./client-name";
import { focusLabels, statusLabels } from "../labels";
import type { RosterRow } from "../roster";
import { StatusBadge } from "./status-badge";

const col = createDataTableColumnHelper<RosterRow>();

const columns = col.columns([
  col.accessor("name", {
    header: "Name",
    cell: (info) => <ClientName client={info.row.original} />,
  }),
  col.accessor("recordNumber", { id: "recordNumber", header: "Record", meta: { hideable: true, label: "Record number" } }),
  col.accessor("status", { header: "Status", cell: (info) => <StatusBadge status={info.getValue()} /> }),
  col.accessor("recoveryFocus", { id: "focus", header: "Focus", cell: (info) => focusLabels[info.getValue()], meta: { hideable: true, label: "Recovery focus" } }),
  col.accessor("counselorName", { id: "counselor", header: "Primary counselor", cell: (info) => <bdi>{info.getValue()}</bdi> }),
  col.accessor("tags", {
    header: "Tags",
    cell: (info) => info.getValue().join(", ") || "—",
    meta: { hideable: true, label: "Tags", className: "whitespace-normal min-w-36 text-muted" },
  }),
  col.accessor("startDate", { header: "Start", cell: (info) => formatDate(info.getValue()), meta: { hideable: true, label: "Start date" } }),
  col.accessor("lastContactAt", {
    id: "lastContact",
    header: "Last contact",
    cell: (info) => (info.getValue() ? formatDate(info.getValue()) : "—"),
    meta: { hideable: true, label: "Last contact" },
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
      caption={variant === "caseload" ? "Your caseload" : "Clients you can see"}
      emptyMessage="No clients match these filters."
      rowHref={(r) => `/clients/${r.id}`}
      sortable={layout.sortable}
      pageSizes={layout.pageSizes}
      toolbar={
        <>
          <SearchFilter name="q" label="Search" placeholder="Name or record number" />
          <SelectFilter name="status" label="Status" options={variant === "caseload" ? statusOptions.filter((o) => o.value !== "discharged") : statusOptions} />
          <SelectFilter name="focus" label="Focus" options={focusOptions} />
          {variant === "roster" ? <SelectFilter name="counselor" label="Counselor" options={counselors.map((c) => ({ value: c.id, label: c.name }))} /> : null}
          <SelectFilter name="tag" label="Tag" options={tags.map((t) => ({ value: t, label: t }))} />
          <ClearFiltersButton names={layout.filterKeys} />
        </>
      }
    />
  );
}
