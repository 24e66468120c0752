import { readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { compileSimple, formatSimple, icuMemoKey, staffMessages, staffText } from "./staff";

describe("the staff screens' messages (messages/staff/en.json)", () => {
  it("are namespaces of flat messages, each a non-empty ICU message", () => {
    for (const [namespace, messages] of Object.entries(staffMessages)) {
      expect(namespace).toMatch(/^[a-z][A-Za-z0-9]*$/);
      for (const [key, message] of Object.entries(messages)) {
        expect(typeof message, `${namespace}.${key}`).toBe("string");
        expect(message.trim(), `${namespace}.${key}`).not.toBe("");
        expect(() => new IntlMessageFormat(message, "en"), `${namespace}.${key}`).not.toThrow();
      }
    }
  });

  it("say what the file says", () => {
    const t = staffText("trends");
    expect(t("scoresOverTime")).toBe(JSON.parse(readFileSync(path.join(process.cwd(), "messages/staff/en.json"), "utf8")).trends.scoresOverTime);
  });
});

describe("staffText", () => {
  it("formats plurals and rich text with the file's words", () => {
    const t = staffText("charts");
    const text = (count: number) => {
      const node = t.rich("showAsTable", { count, rows: String(count), muted: (chunks) => `[${String(chunks)}]` });
      return Array.isArray(node) ? node.join("") : String(node);
    };
    expect(text(1)).toBe("Show as table [(1 row)]");
    expect(text(1200)).toBe("Show as table [(1200 rows)]");
  });
});

describe("staffText's memo of ICU results", () => {
  it("gives ICU's text for a plural and a select on every call, each set of values its own", () => {
    const t = staffText("outcomeLabels");
    const icu = createTranslator({ locale: "en", messages: staffMessages, namespace: "outcomeLabels", timeZone: "UTC" }) as unknown as (key: string, values?: Record<string, string | number>) => string;
    for (let round = 0; round < 2; round++) {
      for (const weeks of [1, 2, 7]) {
        const values = { weeks, done: 3, due: 4, percent: 75 };
        expect(t("adherence", values)).toBe(icu("adherence", values));
      }
      for (const verdict of ["recovered", "improved", "deteriorated", "no_change"]) expect(t("sinceBaseline", { verdict })).toBe(icu("sinceBaseline", { verdict }));
    }
    expect(t("adherence", { weeks: 1, done: 3, due: 4, percent: 75 })).toContain("1 week,");
    expect(t("adherence", { weeks: 2, done: 3, due: 4, percent: 75 })).toContain("2 weeks,");
  });

  it("keys each call by its values without ambiguity, and leaves dates unkept", () => {
    expect(icuMemoKey("k", { a: "1" })).not.toBe(icuMemoKey("k", { a: 1 }));
    expect(icuMemoKey("k", { a: 'x|b="y"' })).not.toBe(icuMemoKey("k", { a: "x", b: "y" }));
    expect(icuMemoKey("k", { day: new Date(0) })).toBeNull();
    expect(icuMemoKey("k", undefined)).toBe("k");
  });
});

describe("staffText's direct formatting of plain messages", () => {
  it("gives exactly ICU's text for every message it takes, with words and with numbers as values", () => {
    let direct = 0;
    for (const [namespace, messages] of Object.entries(staffMessages)) {
      const icu = createTranslator({ locale: "en", messages: staffMessages, namespace: namespace as never, timeZone: "UTC" }) as unknown as (key: string, values?: Record<string, string | number>) => string;
      for (const [key, message] of Object.entries(messages)) {
        const compiled = compileSimple(message);
        if (!compiled) continue;
        direct++;
        const words = Object.fromEntries(compiled.names.map((name, i) => [name, `w${i} ‹x›`]));
        const numbers = Object.fromEntries(compiled.names.map((name, i) => [name, 1234.5 * (i + 1)]));
        expect(formatSimple(compiled, words), `${namespace}.${key}`).toBe(icu(key, words));
        expect(formatSimple(compiled, numbers), `${namespace}.${key}`).toBe(icu(key, numbers));
        expect(staffText(namespace as never)(key as never, words), `${namespace}.${key}`).toBe(icu(key, words));
      }
    }
    // Most of the file: plain words and {value} messages.
    expect(direct).toBeGreaterThan(1000);
  });

  it("leaves plurals, selects, tags and quoting apostrophes to ICU, and takes a plain apostrophe as a letter", () => {
    expect(compileSimple("{count, plural, one {# row} other {# rows}}")).toBeNull();
    expect(compileSimple("Read <link>the guide</link>")).toBeNull();
    expect(compileSimple("It''s {name}")).toBeNull();
    expect(compileSimple("Type '{' to start")).toBeNull();
    expect(compileSimple("The client's {tab}")).toEqual({ pieces: ["The client's ", ""], names: ["tab"] });
    expect(compileSimple("Showing {from}–{to}")).toEqual({ pieces: ["Showing ", "–", ""], names: ["from", "to"] });
    // A value that is neither a string nor a number (a date) goes to ICU.
    expect(formatSimple(compileSimple("On {day}")!, { day: new Date(0) })).toBeUndefined();
  });
});
