/**
 * A JSON Schema for the subset of FHIR R4 that the check-in Bundle uses: the resource types,
 * their required fields and value shapes (after the R4 specification), checked with ajv in the
 * tests. Reference resolution inside the Bundle is checked separately (`unresolvedReferences`).
 */
const dateTime = { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?)?)?$" };
const id = { type: "string", pattern: "^[A-Za-z0-9\\-.]{1,64}$" };
const reference = { type: "object", required: ["reference"], properties: { reference: { type: "string", minLength: 1 }, display: { type: "string" } }, additionalProperties: false };
const coding = { type: "object", required: ["code"], properties: { system: { type: "string", format: "uri" }, code: { type: "string", minLength: 1 }, display: { type: "string" } }, additionalProperties: false };
const codeableConcept = { type: "object", anyOf: [{ required: ["coding"] }, { required: ["text"] }], properties: { coding: { type: "array", minItems: 1, items: coding }, text: { type: "string" } }, additionalProperties: false };

const answer = {
  type: "object",
  minProperties: 1,
  maxProperties: 1,
  properties: { valueCoding: coding, valueInteger: { type: "integer" }, valueDecimal: { type: "number" }, valueBoolean: { type: "boolean" }, valueString: { type: "string" } },
  additionalProperties: false,
};
const responseItem: Record<string, unknown> = {
  type: "object",
  required: ["linkId"],
  properties: { linkId: { type: "string", minLength: 1 }, text: { type: "string" }, answer: { type: "array", minItems: 1, items: answer }, item: { type: "array", items: { $ref: "#/$defs/responseItem" } } },
  additionalProperties: false,
};

const patient = {
  type: "object",
  required: ["resourceType", "id"],
  properties: {
    resourceType: { const: "Patient" },
    id,
    identifier: { type: "array", items: { type: "object", required: ["system", "value"], properties: { use: { enum: ["usual", "official", "temp", "secondary", "old"] }, system: { type: "string" }, value: { type: "string" } }, additionalProperties: false } },
    name: { type: "array", items: { type: "object", properties: { use: { type: "string" }, text: { type: "string" } }, additionalProperties: false } },
    birthDate: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
  },
  additionalProperties: false,
};

const questionnaireResponse = {
  type: "object",
  required: ["resourceType", "id", "questionnaire", "status", "subject", "authored"],
  properties: {
    resourceType: { const: "QuestionnaireResponse" },
    id,
    // A canonical reference to the Questionnaire: url|version.
    questionnaire: { type: "string", pattern: "^https?://[^|]+\\|.+$" },
    status: { enum: ["in-progress", "completed", "amended", "entered-in-error", "stopped"] },
    subject: reference,
    source: reference,
    authored: dateTime,
    item: { type: "array", items: { $ref: "#/$defs/responseItem" } },
  },
  additionalProperties: false,
};

const observation = {
  type: "object",
  required: ["resourceType", "id", "status", "code", "subject", "effectiveDateTime", "valueQuantity", "derivedFrom"],
  properties: {
    resourceType: { const: "Observation" },
    id,
    status: { enum: ["registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"] },
    category: { type: "array", items: codeableConcept },
    code: codeableConcept,
    subject: reference,
    effectiveDateTime: dateTime,
    valueQuantity: { type: "object", required: ["value"], properties: { value: { type: "number" }, unit: { type: "string" }, system: { type: "string" }, code: { type: "string" } }, additionalProperties: false },
    interpretation: { type: "array", items: codeableConcept },
    note: { type: "array", items: { type: "object", required: ["text"], properties: { text: { type: "string" } }, additionalProperties: false } },
    derivedFrom: { type: "array", minItems: 1, items: reference },
  },
  additionalProperties: false,
};

export const checkinBundleSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["resourceType", "type", "timestamp", "entry"],
  properties: {
    resourceType: { const: "Bundle" },
    id,
    meta: { type: "object", properties: { lastUpdated: dateTime, security: { type: "array", items: coding } }, additionalProperties: false },
    type: { const: "collection" },
    timestamp: dateTime,
    entry: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["fullUrl", "resource"],
        properties: { fullUrl: { type: "string", pattern: "^urn:uuid:[0-9a-f-]{36}$" }, resource: { oneOf: [patient, questionnaireResponse, observation] } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
  $defs: { responseItem },
} as const;

/** References in the Bundle that name no entry's fullUrl (a collection must be self-contained). */
export function unresolvedReferences(bundle: { entry?: { fullUrl?: string; resource?: unknown }[] }): string[] {
  const known = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
  const missing: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "reference" && typeof v === "string" && !known.has(v)) missing.push(v);
        else visit(v);
      }
    }
  };
  for (const e of bundle.entry ?? []) visit(e.resource);
  return missing;
}
