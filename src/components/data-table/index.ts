/**
 * The data-table kit for client components. Server components import the state helpers from
 * "@/components/data-table/table-state" directly (it is React-free); this entry point pulls in
 * the client modules, and only types cross over from table-state.
 */
export {
  DataTable,
  createDataTableColumnHelper,
  dataTableFeatures,
  type DataTableColumnMeta,
  type DataTableColumns,
  type DataTableFeatures,
  type DataTablePage,
  type DataTableProps,
} from "./data-table";
export { ClearFiltersButton, MultiCheckFilter, SearchFilter, SelectFilter, type FilterOption } from "./filters";
export { TableUrlProvider, useTableUrl, type SetParamsOptions, type TableUrl, type UrlPatch } from "./use-table-url";
export type { CursorState, CursorValue, InferTableState, PageInfo, SortState, TableState } from "./table-state";
