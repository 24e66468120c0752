import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, parseCsv } from "./csv";

describe("CSV", () => {
  it("parses quotes, doubled quotes, commas and newlines inside fields, CRLF and a BOM", () => {
    const text = '\ufeffname,notes\r\n"Doe, Jane","She said ""hi""\nthen left"\r\nSam,\n';
    expect(parseCsv(text)).toEqual([
      ["name", "notes"],
      ["Doe, Jane", 'She said "hi"\nthen left'],
      ["Sam", ""],
    ]);
  });

  it("refuses an unclosed quote", () => {
    expect(() => parseCsv('a,"b\n')).toThrow("not closed");
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(null)).toBe("");
  });

  it("round-trips any text that does not start like a formula", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s)), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const nonEmpty = rows.filter((r) => r.some((c) => c.trim() !== ""));
        const text = nonEmpty.map((r) => csvLine(r)).join("");
        expect(parseCsv(text)).toEqual(nonEmpty);
      }),
    );
  });
});
