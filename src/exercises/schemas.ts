import * as z from "zod";
import "@/lib/zod-csp";
import {
  BODY_AREA_NOWHERE,
  BODY_AREA_VALUES,
  EMOTION_VALUES,
  UNNAMED_EMOTION,
  type BodyAreaValue,
} from "./vocabulary";
import { staffText } from "@/i18n/staff";
import { translator, type Translate } from "@/i18n/translate";

/** The exercise file's checks, shown to staff when they add an exercise to the library. */
const exv = staffText("exerciseValidation");
// The answer checks are shown to clients: their English is the portal's own (messages/en.json "answers"),
// which translateKnownMessage translates for a client. Made when needed, so loading this module reads no files.
const answerWords: Translate = (key, values) => translator("en", "answers")(key, values);

export const EXERCISE_KINDS = [
  "journal",
  "thought_record",
  "body_scan",
  "interoception",
  "emotion_naming",
  "vulnerability",
  "creative",
  "social_step",
  "boundaries",
] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

export const EXERCISE_AUDIENCES = ["client", "family"] as const;
export type ExerciseAudience = (typeof EXERCISE_AUDIENCES)[number];

export const FIELD_TYPES = [
  "short_text",
  "long_text",
  "scale_0_10",
  "intensity_0_100",
  "emotion",
  "checklist",
  "body_area",
  "duration_minutes",
] as const;
export type ExerciseFieldType = (typeof FIELD_TYPES)[number];

export const THOUGHT_RECORD_ROLES = ["emotion_before", "intensity_before", "intensity_after"] as const;
export type FieldRole = (typeof THOUGHT_RECORD_ROLES)[number];

export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 5000;
export const DURATION_MAX_MINUTES = 240;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

const requiredText = (max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? exv("required") : exv("mustBeText")) })
    .trim()
    .min(1, exv("mustNotBeEmpty"))
    .max(max, exv("atMostCharacters", { max: String(max) }));

export const exerciseIdSchema = z
  .string({ error: (iss) => (iss.input === undefined ? exv("required") : exv("mustBeText")) })
  .max(80, exv("atMostCharacters", { max: "80" }))
  .regex(KEBAB_CASE, exv("kebabCase"));

const fieldIdSchema = z
  .string({ error: (iss) => (iss.input === undefined ? exv("required") : exv("mustBeText")) })
  .max(64, exv("atMostCharacters", { max: "64" }))
  .regex(SNAKE_CASE, exv("snakeCase"));

const fieldBase = {
  id: fieldIdSchema,
  label: requiredText(200),
  help: requiredText(500).optional(),
  required: z.boolean().default(false),
};

const checklistOptionSchema = z.strictObject({
  value: z.string().regex(SNAKE_CASE, exv("optionSnakeCase")),
  label: requiredText(120),
});

const shortTextFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("short_text"),
  maxLength: z.int().min(1).max(1000).default(SHORT_TEXT_MAX),
});

const longTextFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("long_text"),
  maxLength: z.int().min(1).max(20000).default(LONG_TEXT_MAX),
});

const scaleFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("scale_0_10"),
  minLabel: requiredText(60).optional(),
  maxLabel: requiredText(60).optional(),
});

// Roles are only allowed on the field types that can carry them, so a thought record's
// before/after numbers are always 0-100 intensities and its emotion is always a vocabulary word.
const intensityFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("intensity_0_100"),
  role: z.enum(["intensity_before", "intensity_after"]).optional(),
});

const emotionFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("emotion"),
  allowUnnamed: z.boolean().default(false),
  role: z.enum(["emotion_before"]).optional(),
});

const checklistFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("checklist"),
  options: z
    .array(checklistOptionSchema)
    .min(2, exv("checklistTwoOptions"))
    .superRefine((options, ctx) => {
      const seen = new Set<string>();
      options.forEach((option, index) => {
        if (seen.has(option.value)) {
          ctx.addIssue({ code: "custom", path: [index, "value"], message: exv("duplicateOption", { value: option.value }) });
        }
        seen.add(option.value);
      });
    }),
});

const bodyAreaFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("body_area"),
});

const durationFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal("duration_minutes"),
});

export const exerciseFieldSchema = z.discriminatedUnion(
  "type",
  [
    shortTextFieldSchema,
    longTextFieldSchema,
    scaleFieldSchema,
    intensityFieldSchema,
    emotionFieldSchema,
    checklistFieldSchema,
    bodyAreaFieldSchema,
    durationFieldSchema,
  ],
  {
    error: (iss) =>
      iss.code === "invalid_union"
        ? exv("invalidFieldType", { types: FIELD_TYPES.join(", ") })
        : exv("fieldMapping"),
  },
);
export type ExerciseField = z.output<typeof exerciseFieldSchema>;

export const guidanceBlockSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("p"), text: requiredText(2000) }),
  z.strictObject({ type: z.literal("ul"), items: z.array(requiredText(500)).min(1) }),
]);
export type GuidanceBlock = z.output<typeof guidanceBlockSchema>;

export const exerciseDefinitionSchema = z
  .strictObject({
    id: exerciseIdSchema,
    title: requiredText(120),
    kind: z.enum(EXERCISE_KINDS),
    audience: z.enum(EXERCISE_AUDIENCES),
    minutes: z.int(exv("wholeMinutes")).min(1, exv("atLeastOneMinute")).max(10, exv("atMostTenMinutes")),
    purpose: requiredText(300),
    version: z.int(exv("wholeNumber")).min(1, exv("versionsStartAt1")),
    fields: z.array(exerciseFieldSchema).min(1, exv("needsField")),
    guidance: z.array(guidanceBlockSchema).min(1, exv("writeGuidance")),
  })
  .superRefine((definition, ctx) => {
    const seenIds = new Set<string>();
    const roleIndex = new Map<FieldRole, number>();
    definition.fields.forEach((field, index) => {
      if (seenIds.has(field.id)) {
        ctx.addIssue({ code: "custom", path: ["fields", index, "id"], message: exv("duplicateField", { id: field.id }) });
      }
      seenIds.add(field.id);
      const role = "role" in field ? field.role : undefined;
      if (role === undefined) return;
      if (roleIndex.has(role)) {
        ctx.addIssue({ code: "custom", path: ["fields", index, "role"], message: exv("roleTwice", { role }) });
      }
      roleIndex.set(role, index);
    });
    // Before/after change is computed from these three, so they come as a set or not at all.
    if (definition.kind === "thought_record" || roleIndex.size > 0) {
      const missing = THOUGHT_RECORD_ROLES.filter((role) => !roleIndex.has(role));
      if (missing.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["fields"],
          message: exv("thoughtRecordRoles", { roles: THOUGHT_RECORD_ROLES.join(", "), missing: missing.join(", ") }),
        });
      }
    }
  });
export type ExerciseDefinition = z.output<typeof exerciseDefinitionSchema>;

// ---------------------------------------------------------------------------------------------
// Answers

export type AnswerValue = string | number | string[];
export type ExerciseAnswers = Record<string, AnswerValue>;

export const ANSWER_MESSAGES = {
  get required() {
    return answerWords("required");
  },
  unknownField: "This question is not part of this exercise",
  notAnObject: "Answers must be sent as an object of field ids to values",
  get text() {
    return answerWords("text");
  },
  tooLong: (max: number) => answerWords("tooLong", { max: String(max) }),
  get scale() {
    return answerWords("scale");
  },
  get intensity() {
    return answerWords("intensity");
  },
  get duration() {
    return answerWords("duration", { max: String(DURATION_MAX_MINUTES) });
  },
  get emotion() {
    return answerWords("emotion");
  },
  get bodyArea() {
    return answerWords("bodyArea");
  },
  // The message names BODY_AREAS' label of BODY_AREA_NOWHERE (“Nowhere I can tell”).
  get nowhereAlone() {
    return answerWords("nowhereAlone");
  },
  get checklist() {
    return answerWords("checklist");
  },
};

const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const INTEGER_TEXT = /^-?\d+$/;

// Form posts deliver numbers as text; accept whole numbers written as text, nothing looser,
// so that "" or "abc" is never silently read as 0.
const toNumberIfIntegerText = (value: unknown): unknown =>
  typeof value === "string" && INTEGER_TEXT.test(value.trim()) ? Number(value.trim()) : value;

const messageFor = (required: boolean, otherwise: string) => (iss: { input?: unknown }) =>
  required && iss.input === undefined ? ANSWER_MESSAGES.required : otherwise;

const integerInRange = (min: number, max: number, message: string, required: boolean) =>
  z.int({ error: messageFor(required, message) }).min(min, message).max(max, message);

const uniqueStrings = <T extends string>(values: T[]): T[] => Array.from(new Set(values));

function answerValueSchema(field: ExerciseField): z.ZodType<AnswerValue> {
  const required = field.required;
  switch (field.type) {
    case "short_text":
    case "long_text":
      return z
        .string({ error: messageFor(required, ANSWER_MESSAGES.text) })
        .trim()
        .max(field.maxLength, ANSWER_MESSAGES.tooLong(field.maxLength));
    case "scale_0_10":
      return z.preprocess(toNumberIfIntegerText, integerInRange(0, 10, ANSWER_MESSAGES.scale, required));
    case "intensity_0_100":
      return z.preprocess(toNumberIfIntegerText, integerInRange(0, 100, ANSWER_MESSAGES.intensity, required));
    case "duration_minutes":
      return z.preprocess(
        toNumberIfIntegerText,
        integerInRange(0, DURATION_MAX_MINUTES, ANSWER_MESSAGES.duration, required),
      );
    case "emotion": {
      const values: string[] = field.allowUnnamed ? [...EMOTION_VALUES, UNNAMED_EMOTION.value] : [...EMOTION_VALUES];
      return z.enum(values as [string, ...string[]], { error: messageFor(required, ANSWER_MESSAGES.emotion) });
    }
    case "body_area":
      return z
        .array(z.enum(BODY_AREA_VALUES, { error: ANSWER_MESSAGES.bodyArea }), {
          error: messageFor(required, ANSWER_MESSAGES.bodyArea),
        })
        .transform(uniqueStrings<BodyAreaValue>)
        .refine((areas) => !(areas.includes(BODY_AREA_NOWHERE) && areas.length > 1), ANSWER_MESSAGES.nowhereAlone);
    case "checklist": {
      const values = field.options.map((option) => option.value) as [string, ...string[]];
      return z
        .array(z.enum(values, { error: ANSWER_MESSAGES.checklist }), {
          error: messageFor(required, ANSWER_MESSAGES.checklist),
        })
        .transform(uniqueStrings<string>);
    }
  }
}

/**
 * Validates one submission `{ [fieldId]: value }` for `definition`. Blank answers (missing,
 * null, whitespace-only text, empty lists) are dropped from the output when the field is
 * optional and rejected when it is required; text is trimmed, whole numbers may arrive as text.
 */
export function buildAnswersSchema(definition: Pick<ExerciseDefinition, "fields">): z.ZodType<ExerciseAnswers> {
  const shape: Record<string, z.ZodType<AnswerValue | undefined>> = {};
  for (const field of definition.fields) {
    const value = answerValueSchema(field);
    shape[field.id] = z.preprocess(
      (raw) => (isBlank(raw) ? undefined : raw),
      field.required ? value : value.optional(),
    );
  }
  const known = new Set(Object.keys(shape));

  return z
    .looseObject(shape, { error: ANSWER_MESSAGES.notAnObject })
    .superRefine(
      (answers, ctx) => {
        // Reported per key (not as zod's object-level unrecognized_keys) so forms can show it.
        for (const key of Object.keys(answers)) {
          if (!known.has(key)) ctx.addIssue({ code: "custom", path: [key], message: ANSWER_MESSAGES.unknownField });
        }
      },
      // Run even when a known field already failed, so every problem is reported in one go.
      { when: (payload) => isRecord(payload.value) },
    )
    .transform((answers) => {
      const out: ExerciseAnswers = {};
      for (const [key, value] of Object.entries(answers)) {
        if (known.has(key) && value !== undefined) out[key] = value as AnswerValue;
      }
      return out;
    });
}

export type ValidateAnswersResult =
  | { ok: true; answers: ExerciseAnswers }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };

export function validateAnswers(definition: Pick<ExerciseDefinition, "fields">, raw: unknown): ValidateAnswersResult {
  const result = buildAnswersSchema(definition).safeParse(raw);
  if (result.success) return { ok: true, answers: result.data };
  const flat = z.flattenError(result.error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) {
    if (messages && messages.length > 0) fieldErrors[key] = messages;
  }
  return { ok: false, fieldErrors, formErrors: flat.formErrors };
}
