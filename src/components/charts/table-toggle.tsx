"use client";

import { useEffect, useRef, useState } from "react";
import { DataTableView, type TableData } from "./chart-frame";

/**
 * A chart's data as a table behind "Show as table". The rows arrive as plain strings and the
 * table is drawn only once it is opened: a long range has hundreds of rows per chart, and
 * rendering them all on the server for a closed disclosure cost more than the page's queries
 * (and tripled the HTML). Opened, it is the same real table, keyboard and screen-reader
 * reachable as before.
 */
export function TableToggle({ caption, table }: { caption: string; table: TableData }) {
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page came to life: its toggle event was missed.
  useEffect(() => {
    if (details.current?.open) setOpen(true);
  }, []);
  return (
    <details ref={details} className="text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-medium text-brand-800">
        Show as table <span className="font-normal text-muted">({table.rows.length === 1 ? "1 row" : `${table.rows.length} rows`})</span>
      </summary>
      <div className="mt-2 max-h-80 overflow-auto">{open ? <DataTableView caption={caption} table={table} /> : null}</div>
    </details>
  );
}
