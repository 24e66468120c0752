import { describe, expect, it } from "vitest";
import { buildAnswersSchema, exerciseDefinitionSchema, exerciseIdSchema, validateAnswers, type ExerciseDefinition } from "./schemas";

const definition: ExerciseDefinition = exerciseDefinitionSchema.parse({
  id: "test-record",
  title: "Test record",
  kind: "thought_record",
  audience: "client",
  minutes: 10,
  purpose: "For tests.",
  version: 1,
  guidance: [{ type: "p", text: "Guidance." }],
  fields: [
    { id: "situation", type: "long_text", label: "Situation", required: true },
    { id: "headline", type: "short_text", label: "Headline", maxLength: 20 },
    { id: "emotion", type: "emotion", label: "Emotion", allowUnnamed: true, required: true, role: "emotion_before" },
    { id: "plain_emotion", type: "emotion", label: "Another emotion" },
    { id: "before", type: "intensity_0_100", label: "Before", required: true, role: "intensity_before" },
    { id: "after", type: "intensity_0_100", label: "After", role: "intensity_after" },
    { id: "calm", type: "scale_0_10", label: "Calm" },
    { id: "where", type: "body_area", label: "Where" },
    {
      id: "did",
      type: "checklist",
      label: "Did",
      options: [
        { value: "walked", label: "Walked" },
        { value: "called", label: "Called" },
      ],
    },
    { id: "spent", type: "duration_minutes", label: "Minutes" },
  ],
});

const valid = { situation: "At work", emotion: "anxious", before: 80 };

const errorsFor = (raw: unknown): Record<string, string[]> => {
  const result = validateAnswers(definition, raw);
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.answers)}`);
  return result.fieldErrors;
};

describe("validateAnswers", () => {
  it("accepts a full valid submission and returns the values", () => {
    const raw = {
      situation: "At work",
      headline: "Meeting",
      emotion: "cant_name_yet",
      plain_emotion: "numb",
      before: 80,
      after: 45,
      calm: 3,
      where: ["chest", "throat"],
      did: ["walked"],
      spent: 12,
    };
    expect(validateAnswers(definition, raw)).toEqual({ ok: true, answers: raw });
  });

  it("fails an out-of-range intensity with a message on that field only", () => {
    expect(errorsFor({ ...valid, before: 101 })).toEqual({ before: ["Give a number from 0 to 100"] });
    expect(errorsFor({ ...valid, after: -1 })).toEqual({ after: ["Give a number from 0 to 100"] });
    expect(errorsFor({ ...valid, after: 12.5 })).toEqual({ after: ["Give a number from 0 to 100"] });
    expect(errorsFor({ ...valid, calm: 11 })).toEqual({ calm: ["Give a number from 0 to 10"] });
    expect(errorsFor({ ...valid, spent: 241 })).toEqual({ spent: ["Give a number of minutes from 0 to 240"] });
  });

  it("accepts whole numbers sent as text but never reads other text as a number", () => {
    const result = validateAnswers(definition, { ...valid, before: " 70 ", calm: "4" });
    expect(result).toEqual({ ok: true, answers: { ...valid, before: 70, calm: 4 } });
    expect(errorsFor({ ...valid, calm: "four" })).toEqual({ calm: ["Give a number from 0 to 10"] });
    expect(errorsFor({ ...valid, before: "" })).toEqual({ before: ["This needs an answer"] });
  });

  it("fails oversized text, using the default and the field's own limit", () => {
    expect(errorsFor({ ...valid, situation: "x".repeat(5001) })).toEqual({ situation: ["Keep this under 5000 characters"] });
    expect(validateAnswers(definition, { ...valid, situation: "x".repeat(5000) }).ok).toBe(true);
    expect(errorsFor({ ...valid, headline: "y".repeat(21) })).toEqual({ headline: ["Keep this under 20 characters"] });
  });

  it("checks the length after trimming", () => {
    expect(validateAnswers(definition, { ...valid, headline: `  ${"y".repeat(20)}  ` }).ok).toBe(true);
  });

  it("fails an emotion outside the vocabulary", () => {
    expect(errorsFor({ ...valid, emotion: "hangry" })).toEqual({ emotion: ["Choose a feeling from the list"] });
  });

  it("offers \"I can't name it yet\" only where the field allows it", () => {
    expect(errorsFor({ ...valid, plain_emotion: "cant_name_yet" })).toEqual({ plain_emotion: ["Choose a feeling from the list"] });
  });

  it("fails body areas and checklist values outside their lists", () => {
    expect(errorsFor({ ...valid, where: ["chest", "elbow"] })).toEqual({ where: ["Choose body areas from the list"] });
    expect(errorsFor({ ...valid, did: ["flew"] })).toEqual({ did: ["Choose from the options given"] });
    expect(errorsFor({ ...valid, where: "chest" })).toEqual({ where: ["Choose body areas from the list"] });
  });

  it("does not let \"nowhere I can tell\" be combined with other areas", () => {
    expect(errorsFor({ ...valid, where: ["nowhere", "chest"] }).where?.[0]).toMatch(/can't be chosen together/);
    expect(validateAnswers(definition, { ...valid, where: ["nowhere"] }).ok).toBe(true);
  });

  it("removes repeated choices", () => {
    const result = validateAnswers(definition, { ...valid, where: ["chest", "chest"], did: ["walked", "walked"] });
    expect(result).toEqual({ ok: true, answers: { ...valid, where: ["chest"], did: ["walked"] } });
  });

  it("rejects an unknown key, reporting it on that key", () => {
    expect(errorsFor({ ...valid, mood: "ok" })).toEqual({ mood: ["This question is not part of this exercise"] });
    expect(buildAnswersSchema(definition).safeParse({ ...valid, mood: "ok" }).success).toBe(false);
  });

  it("fails when required fields are missing or blank", () => {
    expect(errorsFor({ emotion: "anxious", before: 10 })).toEqual({ situation: ["This needs an answer"] });
    expect(errorsFor({ ...valid, situation: "   ", emotion: "" })).toEqual({
      situation: ["This needs an answer"],
      emotion: ["This needs an answer"],
    });
  });

  it("accepts optional fields left empty and leaves them out of the answers", () => {
    const result = validateAnswers(definition, { ...valid, headline: "  ", plain_emotion: "", where: [], did: [], after: null });
    expect(result).toEqual({ ok: true, answers: valid });
  });

  it("trims strings", () => {
    const result = validateAnswers(definition, { ...valid, situation: "  At work  \n", headline: "\tMeeting " });
    expect(result).toEqual({ ok: true, answers: { ...valid, situation: "At work", headline: "Meeting" } });
  });

  it("reports several fields at once", () => {
    expect(Object.keys(errorsFor({ situation: "x", emotion: "nope", before: 500, extra: 1 })).sort()).toEqual([
      "before",
      "emotion",
      "extra",
    ]);
  });

  it("puts a non-object submission in formErrors", () => {
    const result = validateAnswers(definition, "hello");
    expect(result).toEqual({ ok: false, fieldErrors: {}, formErrors: ["Answers must be sent as an object of field ids to values"] });
  });
});

describe("exerciseIdSchema", () => {
  it("accepts kebab-case ids and rejects others", () => {
    expect(exerciseIdSchema.safeParse("thought-record").success).toBe(true);
    for (const bad of ["Thought-Record", "thought_record", "-x", "x--y", "", "a b"]) {
      expect(exerciseIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("exerciseDefinitionSchema", () => {
  const base = {
    id: "x",
    title: "X",
    kind: "journal",
    audience: "client",
    minutes: 5,
    purpose: "P.",
    version: 1,
    guidance: [{ type: "p", text: "G." }],
  };

  it("rejects a role used twice", () => {
    const result = exerciseDefinitionSchema.safeParse({
      ...base,
      fields: [
        { id: "e", type: "emotion", label: "E", role: "emotion_before" },
        { id: "a", type: "intensity_0_100", label: "A", role: "intensity_before" },
        { id: "b", type: "intensity_0_100", label: "B", role: "intensity_before" },
        { id: "c", type: "intensity_0_100", label: "C", role: "intensity_after" },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["fields.2.role", 'Role "intensity_before" is used twice'],
    ]);
  });

  it("rejects duplicate checklist option values", () => {
    const result = exerciseDefinitionSchema.safeParse({
      ...base,
      fields: [
        {
          id: "c",
          type: "checklist",
          label: "C",
          options: [
            { value: "a", label: "A" },
            { value: "a", label: "Again" },
          ],
        },
      ],
    });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["fields.0.options.1.value"]);
  });
});
