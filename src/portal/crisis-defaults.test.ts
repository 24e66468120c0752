import { describe, expect, it } from "vitest";
import { CRISIS_DEFAULTS, countryCodes, countryFor, countryOptions } from "./crisis-defaults";

describe("crisis lines by country", () => {
  it("uses the recorded country, else the time zone's, else none", () => {
    expect(countryFor("ES", "America/New_York")).toBe("ES");
    expect(countryFor(null, "Asia/Jerusalem")).toBe("IL");
    expect(countryFor(null, "America/New_York")).toBe("US");
    expect(countryFor(null, "Australia/Perth")).toBe("AU");
    expect(countryFor(null, "Asia/Tokyo")).toBeNull();
  });

  it("has 988 for the US and a line for Israel, each with an emergency number", () => {
    expect(CRISIS_DEFAULTS.US!.lines[0]!.phone).toBe("988");
    expect(CRISIS_DEFAULTS.IL!.lines.length).toBeGreaterThan(0);
    for (const [code, d] of Object.entries(CRISIS_DEFAULTS)) {
      expect(countryCodes(), code).toContain(code);
      expect(d.emergency, code).toMatch(/^\d{3}$/);
    }
  });

  it("lists real countries only, named in the language asked", () => {
    const codes = countryCodes();
    expect(codes).toContain("MX");
    expect(codes).not.toContain("EU");
    expect(codes).not.toContain("ZZ");
    expect(countryOptions("es").find((c) => c.value === "DE")!.label).toBe("Alemania");
  });
});
