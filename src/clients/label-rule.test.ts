import { describe, expect, it } from "vitest";
import { clientFieldsSchema, LABEL_RULE } from "./schemas";

const base = {
  name: "Sam Rivera",
  recordNumber: "RRC-9001",
  recoveryFocus: "trauma",
  status: "active",
  primaryCounselorId: "00000000-0000-4000-8000-000000000001",
  startDate: "2026-09-01",
  timeZone: "America/New_York",
};
const tagErrors = (tags: string) => {
  const result = clientFieldsSchema.safeParse({ ...base, tags });
  return result.success ? [] : (result.error.issues.filter((i) => i.path[0] === "tags").map((i) => i.message) ?? []);
};

describe("one rule for labels, another for names", () => {
  it("takes tags that are plain words in any script", () => {
    for (const tags of ["evening group, veteran", "grupo de la tarde", "вечерняя группа", "हिन्दी समूह", "night_shift, step-down"]) expect(tagErrors(tags), tags).toEqual([]);
  });

  it("refuses emoji and other symbols in tags, saying the rule", () => {
    for (const tags of ["🌙 group", "veteran ⭐", "1️⃣", "group #2", "a/b"]) expect(tagErrors(tags), tags).toEqual([LABEL_RULE]);
  });

  it("keeps a name as the person writes it, emoji included", () => {
    expect(clientFieldsSchema.safeParse({ ...base, name: "Zoë 🌻 Ng" }).success).toBe(true);
  });
});
