"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/form";
import { useTableUrl, useUrlBoundValue } from "./use-table-url";

export interface FilterOption {
  value: string;
  label: string;
}

const labelClass = "block text-xs font-medium text-muted";
const controlClass = cn(inputClass, "mt-1 py-1.5");

export function SearchFilter({ name, label, placeholder, delayMs = 300, className }: { name: string; label: string; placeholder?: string; delayMs?: number; className?: string }) {
  const id = useId();
  const { setParams } = useTableUrl();
  const urlValue = useSearchParams().get(name) ?? "";
  const { value, setValue, expect } = useUrlBoundValue(urlValue);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (raw: string) => {
    clearTimeout(timer.current);
    const v = raw.trim();
    expect(v);
    setParams({ [name]: v || null });
  };

  return (
    <form
      role="search"
      className={cn("min-w-48", className)}
      onSubmit={(e) => {
        e.preventDefault();
        apply(value);
      }}
    >
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="relative mt-1">
        <input
          id={id}
          type="search"
          value={value}
          placeholder={placeholder}
          autoComplete="off"
          enterKeyHint="search"
          className={cn(inputClass, "py-1.5 pr-8 [&::-webkit-search-cancel-button]:hidden")}
          onChange={(e) => {
            const next = e.target.value;
            setValue(next);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => apply(next), delayMs);
          }}
        />
        {value ? (
          <button
            type="button"
            aria-label={`Clear ${label.toLowerCase()}`}
            className="absolute inset-y-0 right-0 flex w-8 items-center justify-center rounded-r-md text-muted hover:text-ink"
            onClick={() => {
              setValue("");
              apply("");
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * One value from a list. With `loadOptions`, the list is fetched in the browser (once the page is
 * idle, or when the control is hovered or focused first) and `options` holds only what the page
 * must show before that: the current choice. For long lists (every user of an organisation) that
 * the server should not render into every page.
 */
export function SelectFilter({
  name,
  label,
  options,
  anyLabel = "Any",
  className,
  loadOptions,
}: {
  name: string;
  label: string;
  options: readonly FilterOption[];
  anyLabel?: string;
  className?: string;
  loadOptions?: () => Promise<readonly FilterOption[]>;
}) {
  const id = useId();
  const { setParams } = useTableUrl();
  const [loaded, setLoaded] = useState<readonly FilterOption[] | null>(null);
  const loading = useRef(false);
  const load = useCallback(() => {
    if (!loadOptions || loading.current) return;
    loading.current = true;
    loadOptions().then(
      (list) => setLoaded(list),
      // Not fatal: the current choice and "any" stay, and the next hover or focus tries again.
      () => (loading.current = false),
    );
  }, [loadOptions]);
  useEffect(() => {
    if (!loadOptions) return;
    const idle = window.requestIdleCallback ? window.requestIdleCallback(load, { timeout: 2000 }) : window.setTimeout(load, 200);
    return () => (window.cancelIdleCallback ? window.cancelIdleCallback(idle) : window.clearTimeout(idle));
  }, [loadOptions, load]);
  const all = loaded ? [...loaded, ...options.filter((o) => !loaded.some((l) => l.value === o.value))] : options;
  const raw = useSearchParams().get(name) ?? "";
  const urlValue = all.some((o) => o.value === raw) ? raw : "";
  const { value, setValue, expect } = useUrlBoundValue(urlValue);

  return (
    <div className={cn("min-w-36", className)}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        className={controlClass}
        onFocus={load}
        onPointerEnter={load}
        aria-busy={loadOptions && !loaded ? true : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          expect(e.target.value);
          setParams({ [name]: e.target.value || null });
        }}
      >
        <option value="">{anyLabel}</option>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Several values of one filter, written as repeated URL keys (status=a&status=b). */
export function MultiCheckFilter({ name, legend, options, className }: { name: string; legend: string; options: readonly FilterOption[]; className?: string }) {
  const { setParams } = useTableUrl();
  const known = new Set(options.map((o) => o.value));
  const urlValue = useSearchParams()
    .getAll(name)
    .filter((v) => known.has(v))
    .join("\n");
  const { value, setValue, expect } = useUrlBoundValue(urlValue);
  const selected = new Set(value ? value.split("\n") : []);

  return (
    <fieldset className={className}>
      <legend className={labelClass}>{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-1.5 py-1 text-sm text-ink">
            <input
              type="checkbox"
              className="size-4 rounded border-line accent-brand-600"
              checked={selected.has(o.value)}
              onChange={(e) => {
                const next = options.map((x) => x.value).filter((v) => (v === o.value ? e.target.checked : selected.has(v)));
                setValue(next.join("\n"));
                expect(next.join("\n"));
                setParams({ [name]: next });
              }}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Removes the named filters. aria-disabled rather than disabled, so focus stays on it after use. */
export function ClearFiltersButton({ names, children = "Clear filters", className }: { names: readonly string[]; children?: ReactNode; className?: string }) {
  const { setParams } = useTableUrl();
  const searchParams = useSearchParams();
  const active = names.some((n) => searchParams.has(n));
  return (
    <button
      type="button"
      aria-disabled={!active}
      className={cn(buttonClass("ghost", "sm"), "aria-disabled:cursor-not-allowed aria-disabled:opacity-60", className)}
      onClick={() => {
        if (active) setParams(Object.fromEntries(names.map((n) => [n, null])));
      }}
    >
      {children}
    </button>
  );
}
