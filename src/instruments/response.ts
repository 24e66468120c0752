import {
  questionnaireResponseSchema,
  type AnswerValue,
  type Answers,
  type Instrument,
  type InstrumentItem,
  type QuestionnaireResponse,
  type QuestionnaireResponseAnswer,
  type QuestionnaireResponseItem,
  type QuestionnaireResponseStatus,
  type Reference,
} from "./fhir-schema";
import { answerFits, checkAnswers, enabledLinkIds, itemIndex, presentAnswer } from "./scoring";

export interface ResponseMeta {
  id?: string;
  status: QuestionnaireResponseStatus;
  /** ISO 8601 date-time. */
  authored: string;
  subject?: Reference;
  author?: Reference;
  source?: Reference;
  encounter?: Reference;
}

function toAnswer(item: InstrumentItem, value: AnswerValue): QuestionnaireResponseAnswer {
  if (typeof value === "object") {
    const option = item.options.find((o) => o.code === value.code);
    return {
      valueCoding: {
        ...(option?.system ? { system: option.system } : {}),
        code: value.code,
        ...(option?.display ? { display: option.display } : {}),
      },
    };
  }
  if (typeof value === "boolean") return { valueBoolean: value };
  if (typeof value === "string") return { valueString: value };
  return item.type === "integer" ? { valueInteger: value } : { valueDecimal: value };
}

/**
 * A FHIR R4 QuestionnaireResponse for these answers, nested like the Questionnaire. Answers to
 * disabled items are left out (FHIR does not allow them) and so are groups left empty.
 */
export function toQuestionnaireResponse(
  instrument: Instrument,
  answers: Answers,
  meta: ResponseMeta,
): QuestionnaireResponse {
  checkAnswers(instrument, answers);
  const enabled = enabledLinkIds(instrument, answers);
  const children = new Map<string | null, InstrumentItem[]>();
  for (const item of instrument.items) {
    const siblings = children.get(item.parentLinkId) ?? [];
    siblings.push(item);
    children.set(item.parentLinkId, siblings);
  }

  const build = (parent: string | null): QuestionnaireResponseItem[] =>
    (children.get(parent) ?? []).flatMap((item): QuestionnaireResponseItem[] => {
      if (!enabled.has(item.linkId)) return [];
      const text = item.text === null ? {} : { text: item.text };
      if (item.type === "group") {
        const nested = build(item.linkId);
        return nested.length > 0 ? [{ linkId: item.linkId, ...text, item: nested }] : [];
      }
      const value = presentAnswer(answers[item.linkId]);
      return value === undefined ? [] : [{ linkId: item.linkId, ...text, answer: [toAnswer(item, value)] }];
    });

  const item = build(null);
  return {
    resourceType: "QuestionnaireResponse",
    ...(meta.id === undefined ? {} : { id: meta.id }),
    questionnaire: instrument.canonical,
    status: meta.status,
    authored: meta.authored,
    ...(meta.subject ? { subject: meta.subject } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.source ? { source: meta.source } : {}),
    ...(meta.encounter ? { encounter: meta.encounter } : {}),
    ...(item.length > 0 ? { item } : {}),
  };
}

function fromAnswer(answer: QuestionnaireResponseAnswer): AnswerValue {
  if (answer.valueCoding !== undefined) return { code: answer.valueCoding.code };
  return answer.valueBoolean ?? answer.valueInteger ?? answer.valueDecimal ?? answer.valueString ?? "";
}

function valueMatchesType(item: InstrumentItem, answer: QuestionnaireResponseAnswer): boolean {
  switch (item.type) {
    case "choice":
      return answer.valueCoding !== undefined;
    case "integer":
      return answer.valueInteger !== undefined;
    case "decimal":
      return answer.valueDecimal !== undefined;
    case "boolean":
      return answer.valueBoolean !== undefined;
    case "string":
      return answer.valueString !== undefined;
    case "display":
    case "group":
      return false;
  }
}

/**
 * The answers held in a QuestionnaireResponse for this instrument (`questionnaire` must be the
 * instrument's `url|version`). Throws when the response does not fit the instrument.
 */
export function fromQuestionnaireResponse(instrument: Instrument, qr: unknown): Record<string, AnswerValue> {
  const fail = (message: string): never => {
    throw new Error(`QuestionnaireResponse for ${instrument.canonical}: ${message}`);
  };
  const parsed = questionnaireResponseSchema.safeParse(qr);
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "));
    return {};
  }
  const response = parsed.data;
  if (response.questionnaire !== instrument.canonical) {
    fail(`it answers ${response.questionnaire}`);
  }

  const index = itemIndex(instrument);
  const answers: Record<string, AnswerValue> = {};
  const seen = new Set<string>();
  const visit = (items: readonly QuestionnaireResponseItem[], parent: string | null) => {
    for (const entry of items) {
      const item = index.get(entry.linkId);
      if (!item) fail(`unknown linkId "${entry.linkId}"`);
      else {
        if (seen.has(entry.linkId)) fail(`linkId "${entry.linkId}" appears twice`);
        seen.add(entry.linkId);
        if (item.parentLinkId !== parent) fail(`"${entry.linkId}" is not nested as in the questionnaire`);
        if (item.type === "group") {
          if (entry.answer?.length) fail(`group "${entry.linkId}" cannot have an answer`);
          visit(entry.item ?? [], item.linkId);
          continue;
        }
        if (entry.item?.length) fail(`"${entry.linkId}" cannot contain items`);
        const list = entry.answer ?? [];
        if (list.length > 1) fail(`"${entry.linkId}" has ${list.length} answers; repeating answers are not supported`);
        const [answer] = list;
        if (answer === undefined) continue;
        if (!valueMatchesType(item, answer)) fail(`the answer to "${entry.linkId}" does not fit its ${item.type} item`);
        const option = answer.valueCoding ? item.options.find((o) => o.code === answer.valueCoding?.code) : undefined;
        if (option && option.system && answer.valueCoding?.system && option.system !== answer.valueCoding.system) {
          fail(`the answer to "${entry.linkId}" uses system ${answer.valueCoding.system}, expected ${option.system}`);
        }
        const value = fromAnswer(answer);
        if (!answerFits(item, value)) fail(`the answer to "${entry.linkId}" is not one of its options or values`);
        answers[entry.linkId] = value;
      }
    }
  };
  visit(response.item ?? [], null);
  return answers;
}
