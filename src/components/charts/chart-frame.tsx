import { staffText } from "@/i18n/staff";
export interface TableData {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * The frame every chart sits in: a title, a one-sentence summary, then `children`: a ChartBody
 * (table-toggle.tsx), which draws the chart and holds the same data as a real table behind "Show
 * as table". Works in server and client components.
 */
export function ChartFrame({ id, title, summary, children, aside }: { id: string; title: string; summary: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-title`} className="space-y-2 rounded-lg border border-line bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h3>
        {aside}
      </div>
      <p id={`${id}-summary`} className="text-sm text-muted">
        {summary}
      </p>
      {children}
    </figure>
  );
}

export function DataTableView({ caption, table }: { caption: string; table: TableData }) {
  const t = staffText("charts");
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line">
          {table.columns.map((c) => (
            <th key={c} scope="col" className="px-2 py-1 font-medium">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={table.columns.length} className="px-2 py-1 text-muted">
              {t("noDataInRange")}
            </td>
          </tr>
        ) : (
          table.rows.map((row, i) => (
            <tr key={i} className="border-b border-line/60">
              {row.map((cell, j) => (
                <td key={j} className="px-2 py-1 tabular-nums">
                  {cell}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
