import { z } from "zod";
import { defineTableState } from "@/components/data-table/table-state";
import { FLAGS } from "./urgency";

export const caseloadSortable = ["urgency", "name", "latest", "adherence", "lastCheckin"] as const;
export type CaseloadSort = (typeof caseloadSortable)[number];

/** The triage caseload's URL: sort (urgency by default) and a flag filter; one page holds it all. */
export const triageTable = defineTableState({
  sortable: caseloadSortable,
  defaultSort: { id: "urgency", desc: false },
  filters: { flag: z.enum(FLAGS).optional() },
  pageSizes: [500],
  defaultPageSize: 500,
});
