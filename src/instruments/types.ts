/*
 * The FHIR R4 Questionnaire subset Attune understands, and the parsed Instrument. The installed
 * @types/fhir (3.0.2) only describes STU3, so the R4 shapes are written out here.
 */
import type { ENABLE_OPERATORS, ITEM_TYPES } from "./fhir-schema";

type ItemType = (typeof ITEM_TYPES)[number];
type EnableOperator = (typeof ENABLE_OPERATORS)[number];

// ---------------------------------------------------------------------------------------------
// FHIR R4 shapes (subset)

export interface Extension {
  url: string;
  valueDecimal?: number;
  valueInteger?: number;
  valueCode?: string;
  valueString?: string;
  valueBoolean?: boolean;
  extension?: Extension[];
  [element: string]: unknown;
}

export interface Coding {
  system?: string;
  version?: string;
  code: string;
  display?: string;
  extension?: Extension[];
  [element: string]: unknown;
}

export interface QuestionnaireEnableWhen {
  question: string;
  operator: EnableOperator;
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerString?: string;
  answerCoding?: Coding;
  [element: string]: unknown;
}

export interface QuestionnaireAnswerOption {
  valueCoding: Coding;
  initialSelected?: boolean;
  extension?: Extension[];
  [element: string]: unknown;
}

export interface QuestionnaireItem {
  linkId: string;
  text?: string;
  type: ItemType;
  required?: boolean;
  repeats?: boolean;
  enableWhen?: QuestionnaireEnableWhen[];
  enableBehavior?: "all" | "any";
  answerOption?: QuestionnaireAnswerOption[];
  extension?: Extension[];
  item?: QuestionnaireItem[];
  [element: string]: unknown;
}

export type PublicationStatus = "draft" | "active" | "retired" | "unknown";

export interface Questionnaire {
  resourceType: "Questionnaire";
  id?: string;
  url: string;
  version: string;
  name?: string;
  title: string;
  status: PublicationStatus;
  description?: string;
  copyright?: string;
  code?: Coding[];
  extension?: Extension[];
  item: QuestionnaireItem[];
  [element: string]: unknown;
}

export interface Reference {
  reference?: string;
  type?: string;
  display?: string;
}

export interface QuestionnaireResponseAnswer {
  valueCoding?: Coding;
  valueInteger?: number;
  valueDecimal?: number;
  valueBoolean?: boolean;
  valueString?: string;
}

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

export type QuestionnaireResponseStatus = "in-progress" | "completed" | "amended" | "entered-in-error" | "stopped";

export interface QuestionnaireResponse {
  resourceType: "QuestionnaireResponse";
  id?: string;
  questionnaire: string;
  status: QuestionnaireResponseStatus;
  authored?: string;
  subject?: Reference;
  author?: Reference;
  source?: Reference;
  encounter?: Reference;
  item?: QuestionnaireResponseItem[];
}

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

