"use client";

import { ClearFiltersButton, SearchFilter, SelectFilter } from "@/components/data-table";
import { createDataTableColumnHelper, DataTable } from "@/components/data-table/data-table";
import type { PageInfo, TableLayout, TableState } from "@/components/data-table/table-state";
import { Sparkline } from "@/components/charts/sparkline";
import { Badge } from "@/components/ui/badge";
import { BandBadge, formatScore } from "@/checkins/components/score-parts";
import { ClientName } from "@/clients/components/client-name";
import type { CaseloadRow } from "../caseload";
import { formatRate, NOTHING_DUE } from "../adherence-text";
import { FLAGS, flagLabels, type Flag } from "../urgency";
import { verdictLabels, verdictTones } from "../verdict";
import { staffText } from "@/i18n/staff";

const t = staffText("caseload");

const col = createDataTableColumnHelper<CaseloadRow>();
const flagTone = (f: Flag) => (f === "critical_alert" || f === "deterioration" ? "danger" : "warn");

const columns = col.columns([
  col.accessor("flags", {
    id: "urgency",
    header: t("flags"),
    cell: (info) =>
      info.getValue().length === 0 ? (
        <span className="text-muted">
          <span aria-hidden="true">—</span>
          <span className="sr-only">{t("noFlags")}</span>
        </span>
      ) : (
        <ul className="flex flex-wrap gap-1">
          {info.getValue().map((f) => (
            <li key={f}>
              <Badge tone={flagTone(f)}>
                {flagLabels[f]}
                {f === "not_on_track" && info.row.original.notOnTrack ? t("sdBeyond", { strength: info.row.original.notOnTrack.strength.toFixed(1) }) : ""}
              </Badge>
            </li>
          ))}
        </ul>
      ),
    meta: { className: "whitespace-normal min-w-48" },
  }),
  col.accessor("name", { header: t("name"), cell: (info) => <ClientName client={info.row.original} /> }),
  col.accessor("spark", {
    header: t("numbnessTrend"),
    enableSorting: false,
    cell: (info) => <Sparkline values={info.getValue()} min={0} max={32} label={info.getValue().length ? t("sparklineLabel", { count: String(info.getValue().length), scores: info.getValue().join(", ") }) : t("noNumbnessCheckins")} />,
  }),
  col.accessor((r) => r.latest?.total ?? null, {
    id: "latest",
    header: t("latest"),
    cell: (info) => {
      const l = info.row.original.latest;
      return l ? (
        <span className="whitespace-nowrap">
          <span className="tabular-nums">{formatScore(l.total)}</span> <BandBadge band={l.band === null ? null : { label: l.band, severity: l.severity ?? 0 }} />
        </span>
      ) : (
        "—"
      );
    },
  }),
  col.accessor("verdict", {
    header: t("sinceBaseline"),
    enableSorting: false,
    cell: (info) => {
      const v = info.getValue();
      return v ? <Badge tone={verdictTones[v]}>{verdictLabels[v]}</Badge> : <span className="text-muted">—</span>;
    },
  }),
  col.accessor("adherence", {
    header: t("adherence28Days"),
    cell: (info) => {
      const rate = info.getValue();
      return rate === null ? (
        <span className="whitespace-nowrap">
          — <span className="text-xs text-muted">{NOTHING_DUE}</span>
        </span>
      ) : (
        formatRate(rate)
      );
    },
    meta: { align: "end" },
  }),
  col.accessor("daysSinceCheckin", {
    id: "lastCheckin",
    header: t("daysSinceCheckIn"),
    cell: (info) => (info.getValue() === null ? t("never") : info.getValue()),
    meta: { align: "end" },
  }),
]);

const flagOptions = FLAGS.map((f) => ({ value: f, label: flagLabels[f] }));

/** `layout` is tableLayout(triageTable), from the server page (the definition's zod stays there). */
export function CaseloadTable({ rows, page, totalCount, state, layout }: { rows: CaseloadRow[]; page: PageInfo; totalCount: number; state: TableState<unknown>; layout: TableLayout }) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      getRowId={(r) => r.id}
      state={state}
      totalCount={totalCount}
      page={page}
      caption={t("yourCaseloadMostUrgentFirst")}
      emptyMessage={t("noOpenClientsMatch")}
      rowHref={(r) => `/clients/${r.id}/trends`}
      rowLinkColumn="name"
      sortable={layout.sortable}
      pageSizes={layout.pageSizes}
      toolbar={
        <>
          <SearchFilter name="q" label={t("search")} placeholder={t("nameOrRecordNumber")} />
          <SelectFilter name="flag" label={t("flag")} options={flagOptions} />
          <ClearFiltersButton names={layout.filterKeys} />
        </>
      }
    />
  );
}
