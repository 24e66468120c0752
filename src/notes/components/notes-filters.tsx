"use client";

import { useSearchParams } from "next/navigation";
import { useId } from "react";
import { ClearFiltersButton, SelectFilter, TableUrlProvider, useTableUrl } from "@/components/data-table";
import { useUrlBoundValue } from "@/components/data-table/use-table-url";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { noteTypeLabels, statusFilterLabels } from "../schemas";

const t = staffText("notes");
const typeOptions = Object.entries(noteTypeLabels).map(([value, label]) => ({ value, label }));
const statusOptions = Object.entries(statusFilterLabels).map(([value, label]) => ({ value, label }));

function DateFilter({ name, label }: { name: string; label: string }) {
  const id = useId();
  const { setParams } = useTableUrl();
  const { value, setValue, expect } = useUrlBoundValue(useSearchParams().get(name) ?? "");
  return (
    <div className="min-w-36">
      <label htmlFor={id} className="block text-xs font-medium text-muted">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value}
        className={cn(inputClass, "mt-1 py-1.5")}
        onChange={(e) => {
          setValue(e.target.value);
          // A date input reports "" while a date is half typed: apply only whole dates or a clear.
          if (e.target.value === "" || /^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) {
            expect(e.target.value);
            setParams({ [name]: e.target.value || null });
          }
        }}
      />
    </div>
  );
}

/** The notes tab's filters, kept in the URL (type, status, session dates). */
export function NotesFilters() {
  return (
    <TableUrlProvider>
      <div role="group" aria-label={t("filterNotes")} className="flex flex-wrap items-end gap-3">
        <SelectFilter name="type" label={t("filterType")} options={typeOptions} />
        <SelectFilter name="status" label={t("filterStatus")} options={statusOptions} />
        <DateFilter name="from" label={t("filterFrom")} />
        <DateFilter name="to" label={t("filterTo")} />
        <ClearFiltersButton names={["type", "status", "from", "to"]} />
      </div>
    </TableUrlProvider>
  );
}
