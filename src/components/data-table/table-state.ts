import type { z } from "zod";
import { COUNSELOR_LOCALE } from "@/lib/date-format";
import { staffText } from "@/i18n/staff";

/**
 * The state of one data table, read from and written to the URL. Server-safe and framework-free:
 * pages parse it, queries read it, the client kit only renders it and edits the URL.
 *
 * URL format (every key optional; a missing or invalid value means the default):
 *   sort=name | sort=-name        one sortable column id, "-" for descending
 *   size=50                       one of the page sizes
 *   after=<cursor> | before=<cursor>   keyset cursor from encodeCursor; both at once means neither
 *   hide=email,phone              hidden columns, a comma list of hideable ids
 *   <filter>=value                each filter by its own key; an array filter repeats its key
 *                                 (status=active&status=paused); empty values count as absent
 */

export type CursorValue = string | number | null;
export interface SortState<S extends string = string> {
  id: S;
  desc: boolean;
}
export interface CursorState {
  after?: string;
  before?: string;
}
export interface TableState<F, S extends string = string> {
  sort: SortState<S>;
  filters: F;
  pageSize: number;
  cursor: CursorState;
  hidden: string[];
}
/** Where the rows shown sit in the whole result, as the keyset query found them. */
export interface PageInfo {
  /** 1-based positions of the first and last row shown. */
  from: number;
  to: number;
  nextCursor: string | null;
  prevCursor: string | null;
}
export type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;
export type FilterShape = Record<string, z.ZodType>;
export type FilterValues<Shape extends FilterShape> = { [K in keyof Shape]?: z.output<Shape[K]> };

export interface TableStateConfig<S extends string, Shape extends FilterShape> {
  sortable: readonly S[];
  defaultSort: SortState<NoInfer<S>>;
  filters: Shape;
  pageSizes?: readonly number[];
  defaultPageSize?: number;
  /** Hideable column ids; without it the `hide` key is ignored. */
  columns?: readonly string[];
}

export const RESERVED_KEYS = ["sort", "size", "after", "before", "hide"] as const;
const MAX_CURSOR_LENGTH = 1024;
const MAX_CURSOR_VALUES = 8;

const count = new Intl.NumberFormat(COUNSELOR_LOCALE);
const t = staffText("dataTable");

/**
 * "Showing 26–50 of 20,000": the footer text, also announced when it changes. An estimated total
 * says so: "Showing 26–50 of about 13,900".
 */
export function describePage(page: PageInfo, rowCount: number, totalCount: number | null, totalIsEstimate = false): string {
  if (rowCount === 0) return t("noResults");
  const range = { from: count.format(page.from), to: count.format(page.to) };
  if (totalCount === null) return t("showing", range);
  return t(totalIsEstimate ? "showingOfAbout" : "showingOf", { ...range, total: count.format(totalCount) });
}

function valuesOf(input: SearchParamsInput, key: string): string[] {
  const raw = input instanceof URLSearchParams ? input.getAll(key) : input[key];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.filter((v) => v !== "");
}

function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): string {
  const binary = atob(s.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

// Checked by hand rather than with zod, so the client bundle that imports this file stays small.
function isCursorValues(v: unknown): v is CursorValue[] {
  return (
    Array.isArray(v) &&
    v.length >= 1 &&
    v.length <= MAX_CURSOR_VALUES &&
    v.every((x) => x === null || (typeof x === "string" && x.length <= 512) || (typeof x === "number" && Number.isFinite(x)))
  );
}

/** The sort values (and tie-breaking id) of a row, as an opaque URL-safe token. */
export function encodeCursor(values: readonly CursorValue[]): string {
  if (values.some((v) => typeof v === "number" && !Number.isFinite(v))) {
    throw new RangeError("A cursor value must be a finite number, a string or null.");
  }
  return toBase64Url(JSON.stringify(values));
}

/** The values inside a cursor, or null for anything that is not one this module wrote. */
export function decodeCursor(s: string): CursorValue[] | null {
  if (s.length === 0 || s.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(s)) return null;
  try {
    const parsed: unknown = JSON.parse(fromBase64Url(s));
    // Only the canonical spelling is accepted, so one position has one URL.
    if (!isCursorValues(parsed) || encodeCursor(parsed) !== s) return null;
    return parsed;
  } catch {
    return null;
  }
}

function parseFilter(schema: z.ZodType, values: string[]): { ok: true; value: unknown } | { ok: false } {
  // A scalar filter may arrive repeated and an array filter may arrive once: try both readings.
  const candidates: unknown[] = values.length === 0 ? [undefined] : values.length === 1 ? [values[0], values] : [values, values[0]];
  for (const candidate of candidates) {
    const result = schema.safeParse(candidate);
    if (result.success) return { ok: true, value: result.data };
  }
  return { ok: false };
}

function filterStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(filterStrings);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? [] : [value.toISOString()];
  if (typeof value === "string") return value === "" ? [] : [value];
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return [String(value)];
  return [];
}

function sameFilters(a: Record<string, unknown>, b: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((k) => filterStrings(a[k]).join("\u0000") === filterStrings(b[k]).join("\u0000"));
}

export function defineTableState<S extends string, Shape extends FilterShape>(config: TableStateConfig<S, Shape>) {
  type F = FilterValues<Shape>;
  const { sortable, defaultSort, filters: shape } = config;
  const pageSizes = config.pageSizes ?? [25, 50, 100];
  const defaultPageSize = config.defaultPageSize ?? 25;
  const hideable = config.columns ?? [];
  const filterKeys = Object.keys(shape);

  // Programmer errors, caught the first time the module loads rather than on a user's request.
  if (!sortable.includes(defaultSort.id)) throw new Error(`defaultSort "${defaultSort.id}" is not sortable.`);
  if (!pageSizes.includes(defaultPageSize)) throw new Error(`defaultPageSize ${defaultPageSize} is not one of pageSizes.`);
  const clash = filterKeys.find((k) => (RESERVED_KEYS as readonly string[]).includes(k));
  if (clash) throw new Error(`Filter key "${clash}" is reserved by the table state.`);

  const isSortable = (id: string): id is S => (sortable as readonly string[]).includes(id);

  function parseFilters(input: SearchParamsInput): F {
    const out: Record<string, unknown> = {};
    for (const key of filterKeys) {
      const schema = shape[key];
      if (!schema) continue;
      const result = parseFilter(schema, valuesOf(input, key));
      if (result.ok && result.value !== undefined) out[key] = result.value;
    }
    return out as F;
  }

  function parse(input: SearchParamsInput): TableState<F, S> {
    const sortRaw = valuesOf(input, "sort")[0] ?? "";
    const desc = sortRaw.startsWith("-");
    const sortId = desc ? sortRaw.slice(1) : sortRaw;
    const sort = isSortable(sortId) ? { id: sortId, desc } : { ...defaultSort };

    const sizeRaw = valuesOf(input, "size")[0] ?? "";
    const sizeNum = /^\d{1,4}$/.test(sizeRaw) ? Number(sizeRaw) : Number.NaN;
    const pageSize = pageSizes.includes(sizeNum) ? sizeNum : defaultPageSize;

    const after = valuesOf(input, "after")[0];
    const before = valuesOf(input, "before")[0];
    const validAfter = after !== undefined && decodeCursor(after) ? after : undefined;
    const validBefore = before !== undefined && decodeCursor(before) ? before : undefined;
    // Both directions at once has no meaning; show the first page rather than guess.
    const cursor: CursorState = validAfter && validBefore ? {} : validAfter ? { after: validAfter } : validBefore ? { before: validBefore } : {};

    const requested = new Set(valuesOf(input, "hide").flatMap((v) => v.split(",")));
    const hidden = hideable.filter((id) => requested.has(id));

    return { sort, filters: parseFilters(input), pageSize, cursor, hidden };
  }

  function toSearchParams(state: TableState<F, S>): URLSearchParams {
    const params = new URLSearchParams();
    const filters = state.filters as Record<string, unknown>;
    for (const key of filterKeys) for (const v of filterStrings(filters[key])) params.append(key, v);
    if (state.sort.id !== defaultSort.id || state.sort.desc !== defaultSort.desc) {
      params.set("sort", `${state.sort.desc ? "-" : ""}${state.sort.id}`);
    }
    if (state.pageSize !== defaultPageSize) params.set("size", String(state.pageSize));
    if (state.cursor.after) params.set("after", state.cursor.after);
    else if (state.cursor.before) params.set("before", state.cursor.before);
    const hidden = hideable.filter((id) => state.hidden.includes(id));
    if (hidden.length > 0) params.set("hide", hidden.join(","));
    return params;
  }

  /** The next state; a change of sort, filters or page size starts again from the first page. */
  function update(state: TableState<F, S>, patch: Partial<TableState<F, S>>): TableState<F, S> {
    const next = { ...state, ...patch };
    const reordered =
      next.sort.id !== state.sort.id ||
      next.sort.desc !== state.sort.desc ||
      next.pageSize !== state.pageSize ||
      !sameFilters(next.filters as Record<string, unknown>, state.filters as Record<string, unknown>, filterKeys);
    return reordered && !patch.cursor ? { ...next, cursor: {} } : next;
  }

  /** Which way to page from, with the decoded cursor values; null for the first page. */
  function readCursor(state: TableState<F, S>): { direction: "after" | "before"; values: CursorValue[] } | null {
    const token = state.cursor.after ?? state.cursor.before;
    const values = token ? decodeCursor(token) : null;
    if (!values) return null;
    return { direction: state.cursor.after ? "after" : "before", values };
  }

  const defaults: TableState<F, S> = { sort: { ...defaultSort }, filters: {} as F, pageSize: defaultPageSize, cursor: {}, hidden: [] };

  return { parse, toSearchParams, update, readCursor, defaults, sortable, pageSizes, hideable, filterKeys };
}

/**
 * What a client table needs from a definition (sort ids, page sizes, filter keys), as plain data:
 * pages pass it as a prop, so the definition's zod filters stay on the server.
 */
export interface TableLayout {
  sortable: readonly string[];
  pageSizes: readonly number[];
  filterKeys: readonly string[];
}
export function tableLayout(definition: TableLayout): TableLayout {
  return { sortable: definition.sortable, pageSizes: definition.pageSizes, filterKeys: definition.filterKeys };
}

export type TableStateDefinition<S extends string, Shape extends FilterShape> = ReturnType<typeof defineTableState<S, Shape>>;
export type InferTableState<D> = D extends { parse: (input: SearchParamsInput) => infer T } ? T : never;
