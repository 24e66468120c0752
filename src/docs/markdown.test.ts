import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown";

describe("the methods page's Markdown", () => {
  it("reads headings, paragraphs over several lines, lists with continued items, and code blocks", () => {
    const blocks = parseMarkdown(["# Title", "", "One line", "and the next.", "", "- first item", "  continued", "- second", "", "1. one", "2. two", "", "```", "y = a + b", "```", "## A section"].join("\n"));
    expect(blocks).toEqual([
      { kind: "heading", level: 1, text: "Title", id: "title" },
      { kind: "paragraph", text: "One line and the next." },
      { kind: "list", ordered: false, items: ["first item continued", "second"] },
      { kind: "list", ordered: true, items: ["one", "two"] },
      { kind: "code", text: "y = a + b" },
      { kind: "heading", level: 2, text: "A section", id: "a-section" },
    ]);
  });

  it("keeps every word of docs/expected-recovery.md (nothing a counselor should read is dropped)", () => {
    const source = readFileSync(path.join(process.cwd(), "docs", "expected-recovery.md"), "utf8");
    const words = (s: string) => s.replace(/^(-|\d+\.)\s/gm, " ").replace(/[#`*]/g, " ").split(/\s+/).filter(Boolean);
    const rendered = parseMarkdown(source).flatMap((b) => (b.kind === "list" ? b.items : [b.text]));
    expect(words(rendered.join(" "))).toEqual(words(source));
    expect(parseMarkdown(source).filter((b) => b.kind === "heading").map((b) => (b as { text: string }).text)).toContain("6. Verdicts can change without new data");
  });
});
