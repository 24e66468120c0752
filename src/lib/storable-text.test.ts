import { describe, expect, it } from "vitest";
import { isUuid } from "./ids";
import { isStorableText, isStorableValue, storableString, unstorableFields } from "./storable-text";
import { jsonObjectText, optionalText, requiredText, uuid, version } from "./zod-fields";

describe("text PostgreSQL can store", () => {
  it("refuses NUL and lone surrogates, keeps every other character", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("broken \ud800")).toBe(false);
    expect(isStorableText("Zoë 🌿 שלום \u202e =1+1 <script> ' OR 1=1")).toBe(true);
  });

  it("names the fields of a form that hold such text", () => {
    expect(unstorableFields({ name: "ok", notes: "a\u0000b", tags: ["x", "\u0000"], count: 3 })).toEqual({
      notes: [expect.stringContaining("cannot be saved")],
      tags: [expect.stringContaining("cannot be saved")],
    });
    expect(unstorableFields({ "bad\u0000key": "x" })).toEqual({ _form: [expect.any(String)] });
  });

  it("looks inside parsed JSON, keys included", () => {
    expect(isStorableValue({ a: ["fine", { b: "x\u0000" }] })).toBe(false);
    expect(isStorableValue({ "k\u0000": 1 })).toBe(false);
    expect(isStorableValue({ a: [1, null, true, "fine"] })).toBe(true);
  });

  it("is the base of every shared text field", () => {
    expect(storableString().safeParse("a\u0000b").success).toBe(false);
    expect(requiredText(10, "Enter it.", "it").safeParse("a\u0000b").success).toBe(false);
    expect(optionalText(10, "it").safeParse("a\u0000b").success).toBe(false);
    expect(optionalText(10, "it").safeParse(" ok ").data).toBe("ok");
    const answers = jsonObjectText(1000, "Too long.");
    expect(answers.safeParse(JSON.stringify({ notes: "a\u0000b" })).success).toBe(false);
    expect(answers.safeParse('{"notes":"fine"}').data).toEqual({ notes: "fine" });
    expect(answers.safeParse("[1]").success).toBe(false);
  });
});

describe("numbers and ids", () => {
  it("bounds a version to PostgreSQL's integer", () => {
    expect(version.safeParse("2147483647").success).toBe(true);
    expect(version.safeParse("2147483648").success).toBe(false);
    expect(version.safeParse("0").success).toBe(false);
  });

  it("accepts only the canonical 8-4-4-4-12 hex form", () => {
    expect(isUuid("0b8f2a4c-1d2e-4f60-8a7b-9c0d1e2f3a4b")).toBe(true);
    expect(isUuid("------------------------------------")).toBe(false);
    expect(isUuid("0b8f2a4c1d2e4f608a7b9c0d1e2f3a4b")).toBe(false);
    expect(isUuid("0b8f2a4c-1d2e-4f60-8a7b-9c0d1e2f3a4g")).toBe(false);
    expect(isUuid(undefined)).toBe(false);
    expect(uuid("Unknown.").safeParse("------------------------------------").error?.issues[0]?.message).toBe("Unknown.");
  });
});
