import { decodeCursor, encodeCursor, type PageInfo } from "@/components/data-table/table-state";
import type { CaseloadRow } from "./caseload";
import type { CaseloadSort } from "./caseload-table";
import type { Flag } from "./urgency";

const names = new Intl.Collator("en");
const nullsLast = (a: number | null, b: number | null, desc: boolean) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : desc ? b - a : a - b);

/**
 * Filters by flag and by a search of the name, preferred name or record number (the caseload is
 * built whole in memory for urgency, so it is searched there too), and orders the rows; the
 * urgency order (ascending = most urgent first) came from the query.
 */
export function arrangeCaseload(rows: readonly CaseloadRow[], sort: { id: CaseloadSort; desc: boolean }, flag?: Flag, q?: string): CaseloadRow[] {
  const needle = q?.trim().toLocaleLowerCase();
  const kept = rows.filter(
    (r) => (!flag || r.flags.includes(flag)) && (!needle || [r.name, r.preferredName ?? "", r.recordNumber].some((s) => s.toLocaleLowerCase().includes(needle))),
  );
  switch (sort.id) {
    case "urgency":
      return sort.desc ? kept.reverse() : kept;
    case "name":
      return kept.sort((a, b) => (sort.desc ? -1 : 1) * names.compare(a.name, b.name));
    case "latest":
      return kept.sort((a, b) => nullsLast(a.latest?.total ?? null, b.latest?.total ?? null, sort.desc));
    case "adherence":
      return kept.sort((a, b) => nullsLast(a.adherence, b.adherence, sort.desc));
    case "lastCheckin":
      return kept.sort((a, b) => nullsLast(a.daysSinceCheckin, b.daysSinceCheckin, sort.desc));
  }
}

/**
 * One page of the arranged caseload. Every row is computed (urgency needs them all), so paging is
 * by position, keyed by the id of the row at the page's edge: `after` starts past that row,
 * `before` ends before it; a cursor whose row has gone (discharged, filtered out) starts again
 * at the first page.
 */
export function pageCaseload(rows: readonly CaseloadRow[], pageSize: number, cursor: { after?: string; before?: string }): { rows: CaseloadRow[]; page: PageInfo } {
  const idAt = (token: string | undefined) => {
    const values = token ? decodeCursor(token) : null;
    return values && values.length === 1 && typeof values[0] === "string" ? values[0] : null;
  };
  const after = idAt(cursor.after);
  const before = idAt(cursor.before);
  let start = 0;
  if (after !== null) {
    const i = rows.findIndex((r) => r.id === after);
    start = i < 0 ? 0 : i + 1;
  } else if (before !== null) {
    const i = rows.findIndex((r) => r.id === before);
    start = i < 0 ? 0 : Math.max(0, i - pageSize);
  }
  const shown = rows.slice(start, start + pageSize);
  const end = start + shown.length;
  return {
    rows: shown,
    page: {
      from: shown.length ? start + 1 : 0,
      to: end,
      nextCursor: end < rows.length && shown.length ? encodeCursor([shown[shown.length - 1]!.id]) : null,
      prevCursor: start > 0 && shown.length ? encodeCursor([shown[0]!.id]) : null,
    },
  };
}
