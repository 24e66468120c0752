"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, useTransition, type ReactNode } from "react";

export type UrlPatch = Record<string, string | readonly string[] | null>;

export interface SetParamsOptions {
  /**
   * A change of presentation only (hidden columns): keeps `after`/`before` and skips the server
   * round trip, through history.replaceState, which Next keeps in step with useSearchParams.
   */
  clientOnly?: boolean;
}

export interface TableUrl {
  setParams: (patch: UrlPatch, options?: SetParamsOptions) => void;
  isPending: boolean;
}

const TableUrlContext = createContext<TableUrl | null>(null);

/**
 * The URL last asked for and not yet shown. A page has one URL whatever the number of tables on
 * it, so this lives beside the module, not in a component. Until a navigation commits, both
 * useSearchParams and window.location still show the old URL, and a second quick change (a
 * filter while a search applies, or a debounced search from an older render) must build on the
 * first rather than undo it. Written only in event handlers, cleared when a URL commits.
 */
let requested: { pathname: string; query: string } | null = null;

/** Applies a patch to search params: null or [] removes a key, an array repeats it. */
export function applyPatch(current: URLSearchParams, patch: UrlPatch, options: SetParamsOptions = {}): URLSearchParams {
  const next = new URLSearchParams(current);
  if (!options.clientOnly) {
    next.delete("after");
    next.delete("before");
  }
  for (const [key, value] of Object.entries(patch)) {
    next.delete(key);
    if (value === null) continue;
    if (typeof value === "string") {
      if (value !== "") next.set(key, value);
    } else {
      for (const v of value) if (v !== "") next.append(key, v);
    }
  }
  return next;
}

/**
 * One transition for a table and its filters, so the table shows busy while any of them applies.
 * Nested inside another provider it defers to the outer one.
 */
export function TableUrlProvider({ children }: { children: ReactNode }) {
  const outer = useContext(TableUrlContext);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();

  useEffect(() => {
    requested = null;
  }, [searchParams]);

  const setParams = useCallback(
    (patch: UrlPatch, options?: SetParamsOptions) => {
      const current = requested?.pathname === pathname ? requested.query : window.location.search.slice(1);
      const base = new URLSearchParams(current);
      const query = applyPatch(base, patch, options).toString();
      if (query === base.toString()) return;
      // A navigation in flight would commit its own URL over a quiet replaceState: queue behind it.
      const inFlight = requested !== null;
      requested = { pathname, query };
      const href = query ? `${pathname}?${query}` : pathname;
      if (options?.clientOnly && !inFlight) {
        window.history.replaceState(null, "", href);
        return;
      }
      startTransition(() => {
        router.replace(href, { scroll: false });
      });
    },
    [pathname, router],
  );

  const value = useMemo(() => ({ setParams, isPending }), [setParams, isPending]);
  return createElement(TableUrlContext.Provider, { value: outer ?? value }, children);
}

/** URL editing for the data-table kit; must sit inside a TableUrlProvider (DataTable adds one). */
export function useTableUrl(): TableUrl {
  const ctx = useContext(TableUrlContext);
  if (!ctx) throw new Error("useTableUrl must be used inside <TableUrlProvider> or <DataTable>.");
  return ctx;
}

/**
 * A control's own value that follows the URL. The URL lags while a navigation is pending, so the
 * control shows what the user chose and only takes the URL's value when it changed elsewhere
 * (a clear button, the back button), not when the URL catches up with an older choice.
 */
export function useUrlBoundValue(urlValue: string) {
  const [value, setValue] = useState(urlValue);
  const [expected, setExpected] = useState(urlValue);
  if (urlValue !== expected) {
    setExpected(urlValue);
    setValue(urlValue);
  }
  return { value, setValue, expect: setExpected };
}
