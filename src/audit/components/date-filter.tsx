"use client";

import { useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { useTableUrl } from "@/components/data-table";
import { inputClass } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";

/** A day for a table filter (YYYY-MM-DD in the URL), beside the kit's search and select filters. */
export function DateFilter({ name, label, className }: { name: string; label: string; className?: string }) {
  const id = useId();
  const { setParams } = useTableUrl();
  const urlValue = useSearchParams().get(name) ?? "";
  // The control shows the choice at once; it follows the URL only when the URL changes elsewhere.
  const [value, setValue] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  if (urlValue !== seen) {
    setSeen(urlValue);
    setValue(urlValue);
  }
  return (
    <div className={cn("min-w-36", className)}>
      <label htmlFor={id} className="block text-xs font-medium text-muted">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value}
        max="9999-12-31"
        className={cn(inputClass, "mt-1 py-1.5")}
        onChange={(e) => {
          const next = e.target.value;
          setValue(next);
          // A half-typed date is empty here; only a whole day (or clearing) reaches the URL.
          if (next === "" || /^\d{4}-\d{2}-\d{2}$/.test(next)) {
            setSeen(next);
            setParams({ [name]: next || null });
          }
        }}
      />
    </div>
  );
}
