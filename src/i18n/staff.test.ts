import { readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { staffMessages, staffText } from "./staff";

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
