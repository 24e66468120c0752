import path from "node:path";
import { describe, expect, it } from "vitest";
import { circles, importGraph } from "./import-graph";

const root = path.resolve(import.meta.dirname, "..");

describe("imports", () => {
  it("form no circles in the project's own code (type-only imports included)", () => {
    const graph = importGraph(root, ["src", "app", "scripts", "e2e"]);
    expect(graph.size).toBeGreaterThan(300);
    expect(circles(graph).map((c) => c.join(" → "))).toEqual([]);
  });

  it("finds a circle when there is one", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts", "d.ts"]],
      ["d.ts", []],
    ]);
    expect(circles(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });
});
