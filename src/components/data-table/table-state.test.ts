import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeCursor, defineTableState, describePage, encodeCursor } from "./table-state";
import { applyPatch } from "./use-table-url";

const roster = defineTableState({
  sortable: ["name", "lastSeen", "status"],
  defaultSort: { id: "name", desc: false },
  filters: {
    q: z.string().trim().max(100).optional(),
    status: z.array(z.enum(["active", "paused", "discharged"])).optional(),
    counselor: z.uuid().optional(),
  },
  columns: ["email", "phone", "lastSeen"],
});

const cursor = encodeCursor(["Okafor", "8a1f0c2e-5b7d-4c3a-9e6f-1d2b3c4d5e6f"]);
const counselor = "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

describe("defineTableState.parse", () => {
  it("reads every key of a complete URL", () => {
    const state = roster.parse({ sort: "-lastSeen", size: "50", after: cursor, hide: "email,phone", q: "ana", status: ["active", "paused"], counselor });
    expect(state).toEqual({
      sort: { id: "lastSeen", desc: true },
      pageSize: 50,
      cursor: { after: cursor },
      hidden: ["email", "phone"],
      filters: { q: "ana", status: ["active", "paused"], counselor },
    });
  });

  it("gives the defaults for an empty URL", () => {
    expect(roster.parse({})).toEqual({ sort: { id: "name", desc: false }, pageSize: 25, cursor: {}, hidden: [], filters: {} });
    expect(roster.parse({})).toEqual(roster.defaults);
  });

  it("falls back to the default sort for an unknown column or a malformed value", () => {
    for (const sort of ["password", "--name", "-", "", "name,status", " name"]) {
      expect(roster.parse({ sort }).sort).toEqual({ id: "name", desc: false });
    }
  });

  it("falls back to the default size for anything but a listed page size", () => {
    for (const size of ["10", "1e2", "50.0", "-50", "abc", "100000", " 50"]) {
      expect(roster.parse({ size }).pageSize).toBe(25);
    }
    expect(roster.parse({ size: "100" }).pageSize).toBe(100);
  });

  it("drops an invalid filter without touching the valid ones", () => {
    const state = roster.parse({ q: "ana", status: ["active", "deleted"], counselor: "not-a-uuid" });
    expect(state.filters).toEqual({ q: "ana" });
  });

  it("treats empty values as absent", () => {
    expect(roster.parse({ q: "", status: "" }).filters).toEqual({});
  });

  it("reads an array filter from one key or repeated keys, and a scalar filter from the first of repeats", () => {
    expect(roster.parse({ status: "paused" }).filters.status).toEqual(["paused"]);
    expect(roster.parse(new URLSearchParams("status=active&status=discharged")).filters.status).toEqual(["active", "discharged"]);
    expect(roster.parse(new URLSearchParams("q=first&q=second")).filters.q).toBe("first");
  });

  it("keeps only hideable columns in hide, in column order, from a comma list or repeats", () => {
    expect(roster.parse({ hide: "phone,name,bogus,email" }).hidden).toEqual(["email", "phone"]);
    expect(roster.parse(new URLSearchParams("hide=phone&hide=lastSeen")).hidden).toEqual(["phone", "lastSeen"]);
  });

  it("rejects a garbage cursor and refuses both directions at once", () => {
    expect(roster.parse({ after: "garbage!" }).cursor).toEqual({});
    expect(roster.parse({ before: "bm90IGpzb24" }).cursor).toEqual({});
    expect(roster.parse({ after: cursor, before: cursor }).cursor).toEqual({});
    expect(roster.parse({ before: cursor }).cursor).toEqual({ before: cursor });
  });

  it("never throws on hostile input", () => {
    const hostile = { sort: ["-", "x".repeat(10_000)], size: ["NaN"], after: "%%%", hide: ",,,", q: ["x".repeat(500)], status: [""], counselor: undefined };
    expect(() => roster.parse(hostile)).not.toThrow();
    expect(roster.parse(hostile)).toEqual(roster.defaults);
  });
});

describe("defineTableState.toSearchParams", () => {
  it("round-trips a parsed state through the URL", () => {
    const url = `q=ana&status=active&status=paused&counselor=${counselor}&sort=-lastSeen&size=50&before=${cursor}&hide=email,phone`;
    const state = roster.parse(new URLSearchParams(url));
    const again = roster.parse(roster.toSearchParams(state));
    expect(again).toEqual(state);
    expect(roster.toSearchParams(state).toString()).toBe(new URLSearchParams(url).toString());
  });

  it("writes array filters as repeated keys", () => {
    const params = roster.toSearchParams({ ...roster.defaults, filters: { status: ["active", "paused"] } });
    expect(params.getAll("status")).toEqual(["active", "paused"]);
  });

  it("leaves defaults out of the URL", () => {
    expect(roster.toSearchParams(roster.defaults).toString()).toBe("");
  });
});

describe("defineTableState.update", () => {
  const onPage3 = roster.parse({ after: cursor, q: "ana", hide: "email" });

  it("drops the cursor when a filter changes", () => {
    const next = roster.update(onPage3, { filters: { q: "ben" } });
    expect(next.cursor).toEqual({});
    expect(next.filters).toEqual({ q: "ben" });
    expect(roster.toSearchParams(next).has("after")).toBe(false);
  });

  it("drops the cursor when the sort or the page size changes", () => {
    expect(roster.update(onPage3, { sort: { id: "name", desc: true } }).cursor).toEqual({});
    expect(roster.update(onPage3, { pageSize: 100 }).cursor).toEqual({});
  });

  it("keeps the cursor when only the hidden columns change or the filters are equal", () => {
    expect(roster.update(onPage3, { hidden: [] }).cursor).toEqual({ after: cursor });
    expect(roster.update(onPage3, { filters: { q: "ana" } }).cursor).toEqual({ after: cursor });
  });

  it("reads the cursor for the query", () => {
    expect(roster.readCursor(onPage3)).toEqual({ direction: "after", values: ["Okafor", "8a1f0c2e-5b7d-4c3a-9e6f-1d2b3c4d5e6f"] });
    expect(roster.readCursor(roster.defaults)).toBeNull();
  });
});

describe("defineTableState config", () => {
  it("refuses a filter key that collides with a state key", () => {
    expect(() => defineTableState({ sortable: ["a"], defaultSort: { id: "a", desc: false }, filters: { size: z.string().optional() } })).toThrow(/reserved/);
  });
});

describe("cursors", () => {
  it("round-trips strings, numbers, nulls and non-ASCII text", () => {
    const values = ["Zoë Ångström", 42, null, -1.5, "a/b+c=d"];
    const token = encodeCursor(values);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token)).toEqual(values);
  });

  it("rejects garbage", () => {
    const notCanonical = encodeCursor(["a"]).slice(0, -1) + "B";
    const utf8 = (s: string) => btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    for (const bad of [
      "",
      "not base64!",
      utf8("not json"),
      utf8("{}"),
      utf8("[]"),
      utf8('[{"a":1}]'),
      utf8("[true]"),
      utf8("[1e999]"),
      utf8('[ "a" ]'),
      utf8(JSON.stringify(Array.from({ length: 20 }, () => 1))),
      encodeCursor(["x".repeat(513)]),
      notCanonical,
      "A".repeat(5000),
    ]) {
      expect(decodeCursor(bad), bad.slice(0, 20)).toBeNull();
    }
  });

  it("refuses to encode a number the URL cannot carry", () => {
    expect(() => encodeCursor([Number.NaN])).toThrow(RangeError);
  });
});

describe("describePage", () => {
  const page = { from: 26, to: 50, nextCursor: "n", prevCursor: "p" };

  it("says which rows of how many are shown", () => {
    expect(describePage(page, 25, 20_000)).toBe("Showing 26–50 of 20,000");
    expect(describePage({ ...page, from: 1_001, to: 1_025 }, 25, null)).toBe("Showing 1,001–1,025");
  });

  it("calls an estimated total what it is", () => {
    expect(describePage(page, 25, 13_900, true)).toBe("Showing 26–50 of about 13,900");
  });

  it("says so when nothing matches", () => {
    expect(describePage({ from: 0, to: 0, nextCursor: null, prevCursor: null }, 0, 0)).toBe("No results");
  });
});

describe("applyPatch (what the filters and the table write to the URL)", () => {
  const current = new URLSearchParams(`q=ana&status=active&after=${cursor}&hide=email`);

  it("drops the cursor when a filter changes, keeping the other keys", () => {
    const next = applyPatch(current, { status: ["active", "paused"] });
    expect(next.has("after")).toBe(false);
    expect(next.getAll("status")).toEqual(["active", "paused"]);
    expect(next.get("q")).toBe("ana");
    expect(next.get("hide")).toBe("email");
  });

  it("removes a key for null, an empty string or an empty list", () => {
    expect(applyPatch(current, { q: null }).has("q")).toBe(false);
    expect(applyPatch(current, { q: "" }).has("q")).toBe(false);
    expect(applyPatch(current, { status: [] }).has("status")).toBe(false);
  });

  it("moves between pages by replacing one cursor with the other", () => {
    const next = applyPatch(current, { before: "prev" });
    expect(next.get("before")).toBe("prev");
    expect(next.has("after")).toBe(false);
  });

  it("keeps the cursor for a change of presentation only", () => {
    expect(applyPatch(current, { hide: null }, { clientOnly: true }).get("after")).toBe(cursor);
  });
});
