import { z } from "zod";
import { defineTableState } from "@/components/data-table/table-state";
import { FLAGS } from "./urgency";

export const caseloadSortable = ["urgency", "name", "latest", "adherence", "lastCheckin"] as const;
export type CaseloadSort = (typeof caseloadSortable)[number];

/**
 * The triage caseload's URL: sort (urgency by default), a flag filter, a search (name or record
 * number) and the page. Fifty rows a
 * page: the most urgent clients come first, and a busy caseload (over 200 clients on the large
 * data set) rendered whole cost more than its queries.
 */
export const triageTable = defineTableState({
  sortable: caseloadSortable,
  defaultSort: { id: "urgency", desc: false },
  filters: { flag: z.enum(FLAGS).optional(), q: z.string().trim().max(80).optional() },
  pageSizes: [25, 50, 100],
  defaultPageSize: 50,
});
