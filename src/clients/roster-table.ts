import { z } from "zod";
import { uuid } from "@/lib/zod-fields";
import { clientStatus, recoveryFocus } from "@/db/schema";
import { defineTableState } from "@/components/data-table/table-state";
import { rosterSortable } from "./roster";

/** The roster's URL: sort, filters, page size, cursor and hidden columns. */
export const rosterTable = defineTableState({
  sortable: rosterSortable,
  defaultSort: { id: "name", desc: false },
  filters: {
    q: z.string().trim().min(1).max(100).optional(),
    status: z.enum(clientStatus.enumValues).optional(),
    focus: z.enum(recoveryFocus.enumValues).optional(),
    counselor: uuid().optional(),
    tag: z.string().trim().min(1).max(30).optional(),
  },
  columns: ["recordNumber", "focus", "tags", "startDate", "lastContact"],
});

/** The caseload: the actor's own open clients (primary or care team), same columns. */
export const caseloadTable = defineTableState({
  sortable: rosterSortable,
  defaultSort: { id: "name", desc: false },
  filters: {
    q: z.string().trim().min(1).max(100).optional(),
    status: z.enum(["intake", "active", "on_hold"]).optional(),
    focus: z.enum(recoveryFocus.enumValues).optional(),
    tag: z.string().trim().min(1).max(30).optional(),
  },
  columns: ["recordNumber", "focus", "tags", "startDate", "lastContact"],
});
