/*
 * The FHIR R4 Questionnaire subset Attune understands, and the parsed Instrument. The FHIR shapes
 * are the R4 types of @types/fhir (`fhir/r4`), narrowed where Attune needs more than FHIR
 * promises (a coding's code, an instrument's url, version and title) or reads less (the item
 * types and enableWhen operators it can score). The zod schemas in fhir-schema.ts are typed
 * against these (and take the two lists of codes below), so a file that passes validation is a
 * valid R4 resource by the types package.
 */
import type * as R4 from "fhir/r4";

/** The item types Attune can show and score (a subset of FHIR's). */
export const ITEM_TYPES = ["choice", "integer", "decimal", "boolean", "string", "display", "group"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The enableWhen operators Attune evaluates (all of FHIR R4's). */
export const ENABLE_OPERATORS = ["exists", "=", "!=", ">", "<", ">=", "<="] as const;
export type EnableOperator = (typeof ENABLE_OPERATORS)[number];

// ---------------------------------------------------------------------------------------------
// FHIR R4 shapes (the types package, narrowed)

export type Extension = R4.Extension;

export type Coding = R4.Coding & { code: string };

export type QuestionnaireEnableWhen = Omit<R4.QuestionnaireItemEnableWhen, "operator" | "answerCoding"> & {
  operator: EnableOperator;
  answerCoding?: Coding;
};

export type QuestionnaireAnswerOption = Omit<R4.QuestionnaireItemAnswerOption, "valueCoding"> & {
  valueCoding: Coding;
};

export type QuestionnaireItem = Omit<R4.QuestionnaireItem, "type" | "enableWhen" | "answerOption" | "item"> & {
  type: ItemType;
  enableWhen?: QuestionnaireEnableWhen[];
  answerOption?: QuestionnaireAnswerOption[];
  item?: QuestionnaireItem[];
};

export type PublicationStatus = R4.Questionnaire["status"];

export type Questionnaire = Omit<R4.Questionnaire, "item" | "code"> & {
  url: string;
  version: string;
  title: string;
  code?: Coding[];
  item: QuestionnaireItem[];
};

export type Reference = R4.Reference;

export type QuestionnaireResponseAnswer = Omit<R4.QuestionnaireResponseItemAnswer, "valueCoding" | "item"> & {
  valueCoding?: Coding;
};

export type QuestionnaireResponseItem = Omit<R4.QuestionnaireResponseItem, "answer" | "item"> & {
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
};

export type QuestionnaireResponseStatus = R4.QuestionnaireResponse["status"];

export type QuestionnaireResponse = Omit<R4.QuestionnaireResponse, "questionnaire" | "item"> & {
  questionnaire: string;
  item?: QuestionnaireResponseItem[];
};

// Every narrowed shape is still the types package's R4 resource.
type Assignable<T extends U, U> = T;
export type CheckR4 = [
  Assignable<Questionnaire, R4.Questionnaire>,
  Assignable<QuestionnaireItem, R4.QuestionnaireItem>,
  Assignable<QuestionnaireResponse, R4.QuestionnaireResponse>,
];

// ---------------------------------------------------------------------------------------------
// The parsed, flattened instrument

/** A choice answer is given by its code; other items take the raw value. */
export type AnswerValue = { code: string } | number | boolean | string;
export type Answers = Readonly<Record<string, AnswerValue | null | undefined>>;

export type EnableCondition =
  | { question: string; operator: "exists"; answer: boolean }
  | { question: string; operator: Exclude<EnableOperator, "exists">; answer: AnswerValue };

export interface InstrumentOption {
  code: string;
  system: string | null;
  display: string | null;
  /** Score weight, null when the item is not scored. */
  weight: number | null;
}

export interface InstrumentItem {
  linkId: string;
  /** Where the item sits in the file, e.g. `item[1].item[0]`. */
  path: string;
  parentLinkId: string | null;
  type: ItemType;
  text: string | null;
  required: boolean;
  enableWhen: EnableCondition[];
  enableBehavior: "all" | "any";
  options: InstrumentOption[];
  /** True for choice items whose options carry weights; these make up the total. */
  scored: boolean;
  weightRange: { min: number; max: number } | null;
}

export type Direction = "higher_is_better" | "higher_is_worse";
export type ScoreMethod = "sum" | "mean";

export interface Subscale {
  id: string;
  label: string;
  linkIds: string[];
  method: ScoreMethod;
  multiplier: number;
  /** Least answered items for a prorated subscale score; null: every expected item is needed. */
  minimumAnswered: number | null;
  /** Lowest and highest score the subscale can reach (derived from the weights). */
  range: { min: number; max: number };
}

export interface Band {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound, except for the last band, where it is inclusive. */
  to: number;
  label: string;
  /** 0 = least concern; larger = more concern. */
  severity: number;
}

export type MissingRule = { rule: "invalid" } | { rule: "prorate"; minimumAnswered: number };

export interface CriticalRule {
  linkId: string;
  answerCodes: string[];
  message: string;
}

export interface RciDefaults {
  /** `organisation`: derive from the organisation's own data when enough exist; `published`: use as given. */
  source: "organisation" | "published";
  r: number;
  sd: number;
  citation: string;
}

export interface Norm {
  mean: number;
  sd: number;
  citation: string;
}

export interface ScoringConfig {
  direction: Direction;
  total: { method: ScoreMethod; min: number; max: number; multiplier: number };
  subscales: Subscale[];
  bands: Band[];
  missing: MissingRule;
  critical: CriticalRule[];
  rci: RciDefaults;
  norms: { functional: Norm | null; dysfunctional: Norm | null };
}

export interface Instrument {
  /** Where the definition came from (file path or import label), for error messages. */
  source: string;
  id: string;
  url: string;
  version: string;
  /** `url|version`, the value of QuestionnaireResponse.questionnaire. */
  canonical: string;
  name: string | null;
  title: string;
  /** The language of the file's own wording (FHIR Resource.language, base tag; "en" when absent). */
  language: string;
  status: PublicationStatus;
  description: string | null;
  copyright: string | null;
  code: { system: string | null; code: string; display: string | null }[];
  /** Every item in document order, groups included. */
  items: InstrumentItem[];
  scoring: ScoringConfig;
  questionnaire: Questionnaire;
}

export interface InstrumentIssue {
  path: string;
  message: string;
}

export class InstrumentError extends Error {
  readonly source: string;
  readonly issues: InstrumentIssue[];

  constructor(source: string, issues: InstrumentIssue[]) {
    super(`${source}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`);
    this.name = "InstrumentError";
    this.source = source;
    this.issues = issues;
  }
}

