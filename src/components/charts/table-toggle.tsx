"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { DataTableView, type TableData } from "./chart-frame";
import { staffText } from "@/i18n/staff";

/**
 * A chart's data as a table behind "Show as table". The table is built and drawn only once it is
 * opened: a long range has hundreds of rows per chart, and building them on the server for a
 * closed disclosure cost more than the page's queries. Opened, it is a real table, keyboard and
 * screen-reader reachable.
 */
export function TableToggle({ caption, rowCount, table }: { caption: string; rowCount: number; table: () => TableData }) {
  const t = staffText("charts");
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page came to life: its toggle event was missed.
  useEffect(() => {
    if (details.current?.open) setOpen(true);
  }, []);
  return (
    <details ref={details} className="text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-medium text-brand-800">
        {t.rich("showAsTable", { count: rowCount, rows: String(rowCount), muted: (chunks) => <span className="font-normal text-muted">{chunks}</span> })}
      </summary>
      <div className="mt-2 max-h-80 overflow-auto">{open ? <DataTableView caption={caption} table={table()} /> : null}</div>
    </details>
  );
}

/**
 * What sits inside a ChartFrame: the drawing (hidden from assistive technology, which gets the
 * frame's summary and this table instead) and the same data behind "Show as table".
 */
export function ChartBody({ caption, rowCount, table, children }: { caption: string; rowCount: number; table: () => TableData; children: ReactNode }) {
  return (
    <>
      <div aria-hidden="true">{children}</div>
      <TableToggle caption={caption} rowCount={rowCount} table={table} />
    </>
  );
}
