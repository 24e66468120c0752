"use client";

import Link from "next/link";
import { useId, useMemo, useState, type ReactNode } from "react";
import {
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type CellContext,
  type Column,
  type ColumnDef,
  type ColumnVisibilityState,
  type Header,
  type Row as TableRow,
  type RowData,
  type SortingState,
  type Table,
  type Updater,
} from "@tanstack/react-table";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { staffText } from "@/i18n/staff";
import { describePage, type PageInfo, type TableState } from "./table-state";
import { TableUrlProvider, useTableUrl, useUrlBoundValue } from "./use-table-url";

const t = staffText("dataTable");

export interface DataTableColumnMeta {
  /** Offered in the Columns menu. List the id in defineTableState's `columns` too, or a reload forgets it. */
  hideable?: boolean;
  /** The column's name in the Columns menu when its header is not plain text. */
  label?: string;
  /** "end" for numbers and dates, so digits line up. */
  align?: "start" | "end";
  /** Extra classes on this column's th and td (width, wrapping). */
  className?: string;
}

/**
 * Sorting and visibility only. No filtered, sorted or paginated row model is registered: the
 * server has filtered, ordered and cut the page, so TanStack renders `rows` exactly as given.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});
export type DataTableFeatures = typeof dataTableFeatures;
export type DataTablePage = PageInfo;
export type DataTableColumns<Row extends RowData> = ReadonlyArray<ColumnDef<DataTableFeatures, Row>>;

/** Column helper typed for DataTable; call it and build the columns at module scope. */
export function createDataTableColumnHelper<Row extends RowData>() {
  return createColumnHelper<DataTableFeatures, Row>();
}

export interface DataTableProps<Row extends RowData> {
  columns: DataTableColumns<Row>;
  rows: Row[];
  getRowId: (row: Row) => string;
  state: Pick<TableState<unknown>, "sort" | "pageSize" | "hidden">;
  totalCount: number | null;
  /** The total is an estimate: shown as "about 13,900". */
  totalIsEstimate?: boolean;
  page: PageInfo;
  caption: string;
  captionVisible?: boolean;
  emptyMessage: ReactNode;
  toolbar?: ReactNode;
  rowHref?: (row: Row) => string;
  /**
   * The column whose cell is the row's link (name it by what the row is, e.g. the client's name);
   * defaults to the first column. A row's link is its one Tab stop; the arrow keys move between rows.
   */
  rowLinkColumn?: string;
  /** The ids the server can sort by (pass `definition.sortable`); defaults to every accessor column. */
  sortable?: readonly string[];
  /** Pass `definition.pageSizes`. */
  pageSizes?: readonly number[];
  className?: string;
}

export function DataTable<Row extends RowData>(props: DataTableProps<Row>) {
  return (
    <TableUrlProvider>
      <DataTableView {...props} />
    </TableUrlProvider>
  );
}

function DataTableView<Row extends RowData>({ columns, rows, getRowId, state, totalCount, totalIsEstimate = false, page, caption, captionVisible = false, emptyMessage, toolbar, rowHref, rowLinkColumn, sortable, pageSizes = [25, 50, 100], className }: DataTableProps<Row>) {
  const captionId = useId();
  const { setParams, isPending } = useTableUrl();

  // Hiding a column never reaches the server (see SetParamsOptions.clientOnly), so it is held
  // here and taken again from the server's state only when that changes (back button, a link).
  const hiddenKey = state.hidden.join(",");
  const [hidden, setHidden] = useState<readonly string[]>(state.hidden);
  const [seenHiddenKey, setSeenHiddenKey] = useState(hiddenKey);
  if (seenHiddenKey !== hiddenKey) {
    setSeenHiddenKey(hiddenKey);
    setHidden(state.hidden);
  }

  const { id: sortId, desc: sortDesc } = state.sort;
  const sorting = useMemo<SortingState>(() => [{ id: sortId, desc: sortDesc }], [sortId, sortDesc]);
  const columnVisibility = useMemo<ColumnVisibilityState>(() => Object.fromEntries(hidden.map((id) => [id, false])), [hidden]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId,
    state: { sorting, columnVisibility },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
      if (next) setParams({ sort: `${next.desc ? "-" : ""}${next.id}` });
    },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      const ids = table
        .getAllLeafColumns()
        .filter((c) => next[c.id] === false)
        .map((c) => c.id);
      setHidden(ids);
      setParams({ hide: ids.length ? ids.join(",") : null }, { clientOnly: true });
    },
  });

  const canSort = (column: Column<DataTableFeatures, Row, unknown>) => column.getCanSort() && (sortable ? sortable.includes(column.id) : true);
  const hideable = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.hideable && c.getCanHide());
  const visibleColumns = table.getVisibleLeafColumns();
  const visibleCount = visibleColumns.length;
  // A column's cell classes, once per column rather than once per cell.
  const cellClasses = visibleColumns.map((column) => {
    const meta = column.columnDef.meta;
    return cn("border-b border-line px-3 py-2.5 align-middle text-ink", !meta?.className?.includes("whitespace-") && "whitespace-nowrap", meta?.align === "end" && "text-right tabular-nums", meta?.className);
  });
  const status = describePage(page, rows.length, totalCount, totalIsEstimate);
  const linkIndex = rowLinkColumn ? Math.max(0, visibleColumns.findIndex((c) => c.id === rowLinkColumn)) : 0;

  return (
    <div className={cn("space-y-3", className)}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-end gap-3">{toolbar}</div>
        {hideable.length > 0 ? <ColumnsMenu columns={hideable} /> : null}
      </div>

      <div className="relative overflow-hidden rounded-lg border border-line bg-white">
        <div aria-hidden="true" className={cn("absolute inset-x-0 top-0 z-20 h-0.5 bg-brand-600 transition-opacity", isPending ? "animate-pulse opacity-100" : "opacity-0")} />
        <div
          role="region"
          aria-labelledby={captionId}
          aria-busy={isPending}
          // Keyboard users scroll a wide table sideways only if its container can take focus.
          tabIndex={0}
          className={cn("overflow-x-auto transition-opacity", isPending && "opacity-60")}
        >
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption id={captionId} className={captionVisible ? "px-3 py-2 text-left text-sm font-semibold text-ink" : "sr-only"}>
              {caption}
            </caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <HeaderCell key={header.id} header={header} sortable={canSort(header.column)} sort={state.sort}>
                      {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                    </HeaderCell>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody onKeyDown={rowHref ? moveBetweenRows : undefined}>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={Math.max(visibleCount, 1)} className="px-3 py-10 text-center text-sm text-muted">
                    {emptyMessage}
                  </td>
                </tr>
              ) : (
                table.getRowModel().rows.map((row) => (
                  <tr key={row.id} className="hover:bg-brand-50/50">
                    {visibleColumns.map((column, index) => {
                      const content = cellContent(table, row, column);
                      return (
                        <td key={column.id} className={cellClasses[index]}>
                          {index === linkIndex && rowHref ? (
                            // No prefetch: a page of 25-100 rows would ask the server for every row's
                            // route on load, for a dynamic page's near-empty prefetch.
                            <Link href={rowHref(row.original)} prefetch={false} data-row-link="" className="rounded-sm font-medium text-brand-700 underline-offset-2 hover:underline">
                              {content}
                            </Link>
                          ) : (
                            content
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p role="status" aria-live="polite" className="text-muted tabular-nums">
          {status}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <PageSizeSelect value={state.pageSize} options={pageSizes} onChange={(size) => setParams({ size: String(size) })} />
          <nav aria-label={t("pages")} className="flex items-center gap-1.5">
            <PageButton label={t("first")} disabled={page.from <= 1} onClick={() => setParams({})} />
            <PageButton label={t("previous")} disabled={!page.prevCursor} onClick={() => page.prevCursor && setParams({ before: page.prevCursor })} />
            <PageButton label={t("next")} disabled={!page.nextCursor} onClick={() => page.nextCursor && setParams({ after: page.nextCursor })} />
          </nav>
        </div>
      </div>
    </div>
  );
}

/**
 * Up and Down (and Home and End) move from one row's link to another's, so a long table is read
 * row by row without a Tab through everything else in it. Only from a row link, never from a
 * control a cell may hold, and never with a modifier.
 */
function moveBetweenRows(event: React.KeyboardEvent<HTMLTableSectionElement>) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const from = event.target as HTMLElement;
  if (!from.matches("a[data-row-link]")) return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("a[data-row-link]")];
  const at = links.indexOf(from as HTMLAnchorElement);
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  links[Math.min(Math.max(to, 0), links.length - 1)]?.focus();
}

/**
 * A cell's content: its column's `cell` called with the cell's context, or its value.
 *
 * The context is built here from the row and the column (the value read with `row.getValue`)
 * rather than taken from `row.getVisibleCells()` and `cell.getContext()`: TanStack builds a cell
 * object with memoised getters for every cell, about 8 µs each, which was most of what a page of
 * the caseload or the audit log cost to render (2.3 ms for 25 rows of 7 columns, 0.9 ms this way,
 * rendered alone with react-dom/server). The cell object itself is built only if a renderer asks for
 * `context.cell`. And the renderer is called as a function rather than mounted through
 * FlexRender, which puts two components around every cell, so a column's `cell` must not call
 * hooks: when it needs state, it returns a component that does.
 */
function cellContent<Row extends RowData>(table: Table<DataTableFeatures, Row>, row: TableRow<DataTableFeatures, Row>, column: Column<DataTableFeatures, Row, unknown>): ReactNode {
  const render = column.columnDef.cell;
  const value = row.getValue<unknown>(column.id);
  const fallback: unknown = table.options.renderFallbackValue ?? null;
  if (typeof render !== "function") return (render ?? value ?? fallback) as ReactNode;
  type Context = CellContext<DataTableFeatures, Row, unknown>;
  const context: Context = {
    table,
    column,
    row,
    // TanStack's getters are typed to return what the caller asks for; these return the value as read.
    getValue: (() => value) as Context["getValue"],
    renderValue: (() => value ?? fallback) as Context["renderValue"],
    get cell() {
      return row.getAllCellsByColumnId()[column.id]!;
    },
  };
  return render(context) as ReactNode;
}

const ariaSort = { asc: "ascending", desc: "descending" } as const;

function HeaderCell<Row extends RowData>({ header, sortable, sort, children }: { header: Header<DataTableFeatures, Row, unknown>; sortable: boolean; sort: TableState<unknown>["sort"]; children: ReactNode }) {
  const meta = header.column.columnDef.meta;
  // Read from the URL state rather than the table, so the header and the rows always agree.
  const direction = sort.id === header.column.id ? (sort.desc ? "desc" : "asc") : null;
  const base = "sticky top-0 z-10 whitespace-nowrap border-b border-line bg-canvas px-3 py-2 text-xs font-semibold uppercase tracking-wide text-muted";
  return (
    <th scope="col" colSpan={header.colSpan} aria-sort={sortable ? (direction ? ariaSort[direction] : "none") : undefined} className={cn(base, meta?.align === "end" ? "text-right" : "text-left", meta?.className)}>
      {sortable && !header.isPlaceholder ? (
        <button
          type="button"
          onClick={header.column.getToggleSortingHandler()}
          className={cn("-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 uppercase hover:bg-black/5 hover:text-ink", direction && "text-ink", meta?.align === "end" && "flex-row-reverse")}
        >
          {children}
          <span aria-hidden="true" className={cn("w-3 text-center", !direction && "text-muted/60")}>
            {direction === "asc" ? "↑" : direction === "desc" ? "↓" : "↕"}
          </span>
        </button>
      ) : (
        children
      )}
    </th>
  );
}

function ColumnsMenu<Row extends RowData>({ columns }: { columns: Column<DataTableFeatures, Row, unknown>[] }) {
  return (
    <details className="relative">
      <summary className={cn(buttonClass("secondary", "sm"), "cursor-pointer list-none [&::-webkit-details-marker]:hidden")}>{t("columns")}</summary>
      <fieldset className="absolute right-0 z-30 mt-1 w-56 space-y-1 rounded-md border border-line bg-white p-3 shadow-lg">
        <legend className="sr-only">{t("showColumns")}</legend>
        {columns.map((column) => {
          const header = column.columnDef.header;
          const label = column.columnDef.meta?.label ?? (typeof header === "string" ? header : column.id);
          return (
            <label key={column.id} className="flex items-center gap-2 py-0.5 text-sm text-ink">
              <input type="checkbox" className="size-4 accent-brand-600" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {label}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}

function PageSizeSelect({ value: current, options, onChange }: { value: number; options: readonly number[]; onChange: (size: number) => void }) {
  const id = useId();
  const { value, setValue, expect } = useUrlBoundValue(String(current));
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-muted">
        {t("rowsPerPage")}
      </label>
      <select id={id} value={value} onChange={(e) => {
          setValue(e.target.value);
          expect(e.target.value);
          onChange(Number(e.target.value));
        }} className="rounded-md border border-line bg-white px-2 py-1 text-sm text-ink">
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}

/** aria-disabled rather than disabled, so focus is not lost when the last page is reached. */
function PageButton({ label, disabled, onClick }: { label: string; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" aria-disabled={disabled} onClick={disabled ? undefined : onClick} className={cn(buttonClass("secondary", "sm"), "aria-disabled:cursor-not-allowed aria-disabled:opacity-50")}>
      {label}
    </button>
  );
}
