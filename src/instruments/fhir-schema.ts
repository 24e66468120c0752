import { z } from "zod";
import { ENABLE_OPERATORS, ITEM_TYPES } from "./types";

/*
 * The FHIR R4 Questionnaire subset Attune understands, and our scoring extension.
 *
 * The schemas are typed against the R4 resources of @types/fhir (`fhir/r4`, see types.ts): what
 * passes them is, by the types package, a FHIR R4 Questionnaire or QuestionnaireResponse.
 */

export const SCORING_EXTENSION_URL = "https://attune.health/fhir/StructureDefinition/scoring";
export const ITEM_WEIGHT_URL = "http://hl7.org/fhir/StructureDefinition/itemWeight";
export const ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

export * from "./types";
export { scoringExtensionSchema } from "./scoring-extension";
import type { Extension, Coding, QuestionnaireEnableWhen, QuestionnaireAnswerOption, QuestionnaireItem, Questionnaire, Reference, QuestionnaireResponseAnswer, QuestionnaireResponseItem, QuestionnaireResponse } from "./types";
// ---------------------------------------------------------------------------------------------
// Zod schemas: FHIR resources

const nonBlank = z.string().trim().min(1, "must not be empty");

export const extensionSchema: z.ZodType<Extension> = z.looseObject({
  url: nonBlank,
  valueDecimal: z.number().optional(),
  valueInteger: z.number().int().optional(),
  valueCode: z.string().optional(),
  valueString: z.string().optional(),
  valueBoolean: z.boolean().optional(),
  get extension() {
    return z.array(extensionSchema).optional();
  },
});

export const codingSchema: z.ZodType<Coding> = z.looseObject({
  system: nonBlank.optional(),
  version: z.string().optional(),
  code: nonBlank,
  display: z.string().optional(),
  extension: z.array(extensionSchema).optional(),
});

const UNSUPPORTED_ENABLE_ANSWERS = ["answerDate", "answerDateTime", "answerTime", "answerQuantity", "answerReference"];

const enableWhenSchema: z.ZodType<QuestionnaireEnableWhen> = z
  .looseObject({
    question: nonBlank,
    operator: z.enum(ENABLE_OPERATORS),
    answerBoolean: z.boolean().optional(),
    answerDecimal: z.number().optional(),
    answerInteger: z.number().int().optional(),
    answerString: z.string().optional(),
    answerCoding: codingSchema.optional(),
  })
  .superRefine((value, ctx) => {
    const unsupported = UNSUPPORTED_ENABLE_ANSWERS.filter((key) => key in value);
    if (unsupported.length > 0) {
      ctx.addIssue({ code: "custom", message: `${unsupported.join(", ")} is not supported` });
      return;
    }
    const given = ["answerBoolean", "answerDecimal", "answerInteger", "answerString", "answerCoding"].filter(
      (key) => value[key] !== undefined,
    );
    if (given.length !== 1) {
      ctx.addIssue({ code: "custom", message: "exactly one answer[x] is required" });
    } else if (value.operator === "exists" && given[0] !== "answerBoolean") {
      ctx.addIssue({ code: "custom", message: "operator exists takes answerBoolean" });
    }
  });

const answerOptionSchema: z.ZodType<QuestionnaireAnswerOption> = z.looseObject({
  valueCoding: z.looseObject(
    {
      system: nonBlank.optional(),
      version: z.string().optional(),
      code: nonBlank,
      display: z.string().optional(),
      extension: z.array(extensionSchema).optional(),
    },
    { error: "only valueCoding answer options are supported" },
  ),
  initialSelected: z.boolean().optional(),
  extension: z.array(extensionSchema).optional(),
});

export const questionnaireItemSchema: z.ZodType<QuestionnaireItem> = z
  .looseObject({
    linkId: nonBlank,
    text: z.string().optional(),
    type: z.enum(ITEM_TYPES, { error: `unsupported item type (supported: ${ITEM_TYPES.join(", ")})` }),
    required: z.boolean().optional(),
    repeats: z.literal(false, { error: "repeating items are not supported" }).optional(),
    enableWhen: z.array(enableWhenSchema).min(1).optional(),
    enableBehavior: z.enum(["all", "any"]).optional(),
    answerOption: z.array(answerOptionSchema).min(1).optional(),
    extension: z.array(extensionSchema).optional(),
    get item() {
      return z.array(questionnaireItemSchema).min(1).optional();
    },
  })
  .superRefine((item, ctx) => {
    if ("answerValueSet" in item) {
      ctx.addIssue({ code: "custom", message: "answerValueSet is not supported; list the answerOption values" });
    }
    if (item.type !== "group" && (item.text === undefined || item.text.trim() === "")) {
      ctx.addIssue({ code: "custom", message: "text is required", path: ["text"] });
    }
    if (item.type === "choice" && item.answerOption === undefined) {
      ctx.addIssue({ code: "custom", message: "choice item needs answerOption" });
    }
    if (item.type !== "choice" && item.answerOption !== undefined) {
      ctx.addIssue({ code: "custom", message: "answerOption is only supported on choice items" });
    }
    if (item.type === "group" && item.item === undefined) {
      ctx.addIssue({ code: "custom", message: "group needs at least one item" });
    }
    if (item.type !== "group" && item.item !== undefined) {
      ctx.addIssue({ code: "custom", message: "only group items may contain items" });
    }
    if (item.type === "display" && item.required === true) {
      ctx.addIssue({ code: "custom", message: "a display item cannot be required" });
    }
    if ((item.enableWhen?.length ?? 0) > 1 && item.enableBehavior === undefined) {
      ctx.addIssue({ code: "custom", message: "enableBehavior is required when there is more than one enableWhen" });
    }
  });

export const questionnaireSchema: z.ZodType<Questionnaire> = z.looseObject({
  resourceType: z.literal("Questionnaire"),
  id: z
    .string()
    .regex(/^[A-Za-z0-9\-.]{1,64}$/, "must be a FHIR id (letters, digits, '-' and '.', up to 64)")
    .optional(),
  url: nonBlank,
  version: nonBlank,
  name: nonBlank.optional(),
  title: nonBlank,
  status: z.enum(["draft", "active", "retired", "unknown"]),
  description: z.string().optional(),
  copyright: z.string().optional(),
  code: z.array(codingSchema).optional(),
  extension: z.array(extensionSchema).optional(),
  item: z.array(questionnaireItemSchema).min(1),
});

const responseAnswerSchema: z.ZodType<QuestionnaireResponseAnswer> = z
  .strictObject({
    valueCoding: codingSchema.optional(),
    valueInteger: z.number().int().optional(),
    valueDecimal: z.number().optional(),
    valueBoolean: z.boolean().optional(),
    valueString: z.string().optional(),
  })
  .refine((a) => Object.values(a).filter((v) => v !== undefined).length === 1, "exactly one value[x] is required");

const responseItemSchema: z.ZodType<QuestionnaireResponseItem> = z.looseObject({
  linkId: nonBlank,
  text: z.string().optional(),
  answer: z.array(responseAnswerSchema).optional(),
  get item() {
    return z.array(responseItemSchema).optional();
  },
});

const referenceSchema: z.ZodType<Reference> = z.looseObject({
  reference: z.string().optional(),
  type: z.string().optional(),
  display: z.string().optional(),
});

export const questionnaireResponseSchema: z.ZodType<QuestionnaireResponse> = z.looseObject({
  resourceType: z.literal("QuestionnaireResponse"),
  id: z.string().optional(),
  questionnaire: nonBlank,
  status: z.enum(["in-progress", "completed", "amended", "entered-in-error", "stopped"]),
  authored: z.string().optional(),
  subject: referenceSchema.optional(),
  author: referenceSchema.optional(),
  source: referenceSchema.optional(),
  encounter: referenceSchema.optional(),
  item: z.array(responseItemSchema).optional(),
});
