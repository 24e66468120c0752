import type { CaseloadRow } from "./caseload";
import type { CaseloadSort } from "./caseload-table";
import type { Flag } from "./urgency";

const nullsLast = (a: number | null, b: number | null, desc: boolean) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : desc ? b - a : a - b);

/** Filters by flag and orders the caseload rows; the urgency order (ascending = most urgent first) came from the query. */
export function arrangeCaseload(rows: readonly CaseloadRow[], sort: { id: CaseloadSort; desc: boolean }, flag?: Flag): CaseloadRow[] {
  const kept = flag ? rows.filter((r) => r.flags.includes(flag)) : [...rows];
  switch (sort.id) {
    case "urgency":
      return sort.desc ? kept.reverse() : kept;
    case "name":
      return kept.sort((a, b) => (sort.desc ? -1 : 1) * a.name.localeCompare(b.name));
    case "latest":
      return kept.sort((a, b) => nullsLast(a.latest?.total ?? null, b.latest?.total ?? null, sort.desc));
    case "adherence":
      return kept.sort((a, b) => nullsLast(a.adherence, b.adherence, sort.desc));
    case "lastCheckin":
      return kept.sort((a, b) => nullsLast(a.daysSinceCheckin, b.daysSinceCheckin, sort.desc));
  }
}
