import { z } from "zod";
import { compareExact, exact, exactToNumber, mulExact, sumExact, type Exact } from "./scoring";
import { InstrumentError, type QuestionnaireEnableWhen, type QuestionnaireAnswerOption, type QuestionnaireItem, type Questionnaire, type AnswerValue, type EnableCondition, type InstrumentOption, type InstrumentItem, type ScoreMethod, type Subscale, type ScoringConfig, type Instrument, type InstrumentIssue } from "./types";
import { scoringExtensionSchema } from "./scoring-extension";
import { ITEM_WEIGHT_URL, ORDINAL_VALUE_URL, SCORING_EXTENSION_URL, questionnaireSchema, type ItemType } from "./fhir-schema";

/*
 * Reading a FHIR Questionnaire (validated by the schemas in fhir-schema.ts) into the Instrument
 * Attune scores with: items flattened, enableWhen and scoring checked for what can actually be
 * scored, every problem reported with its path.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Renders a zod path, naming extension slices by their url (`scoring.band[2].to`) rather than by index. */
function formatPath(root: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof key === "string" && typeof next === "number") {
      const list = isRecord(node) ? node[key] : undefined;
      const element = Array.isArray(list) ? (list[next] as unknown) : undefined;
      const url = isRecord(element) && typeof element.url === "string" ? element.url : undefined;
      if (key === "extension" && url !== undefined && Array.isArray(list)) {
        if (url === SCORING_EXTENSION_URL) {
          parts.push("scoring");
        } else if (!url.includes(":")) {
          const siblings = list.filter((e) => isRecord(e) && e.url === url);
          parts.push(siblings.length > 1 ? `${url}[${siblings.indexOf(element)}]` : url);
        } else {
          parts.push(`extension[${next}]`);
        }
      } else {
        parts.push(`${key}[${next}]`);
      }
      node = element;
      i++;
    } else if (!(key === "extension" && next === undefined && parts.length > 0)) {
      parts.push(String(key));
      node = isRecord(node) && typeof key === "string" ? node[key] : undefined;
    }
  }
  return parts.join(".");
}

function zodIssues(root: unknown, error: z.ZodError, prefix: readonly PropertyKey[] = []): InstrumentIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(root, [...prefix, ...issue.path]),
    message: issue.message,
  }));
}

function weightOf(option: QuestionnaireAnswerOption, path: string, issues: InstrumentIssue[]): number | null {
  const carriers = [...(option.extension ?? []), ...(option.valueCoding.extension ?? [])].filter(
    (e) => e.url === ITEM_WEIGHT_URL || e.url === ORDINAL_VALUE_URL,
  );
  const values: number[] = [];
  for (const e of carriers) {
    if (typeof e.valueDecimal !== "number" || !Number.isFinite(e.valueDecimal)) {
      issues.push({ path, message: `${e.url} needs a finite valueDecimal` });
    } else {
      values.push(e.valueDecimal);
    }
  }
  const first = values[0];
  if (first === undefined) return null;
  if (values.some((v) => v !== first)) {
    issues.push({ path, message: `conflicting weights ${values.join(", ")}` });
  }
  return first;
}

function conditionOf(when: QuestionnaireEnableWhen): EnableCondition {
  if (when.operator === "exists") return { question: when.question, operator: "exists", answer: when.answerBoolean === true };
  const answer: AnswerValue =
    when.answerCoding !== undefined
      ? { code: when.answerCoding.code }
      : (when.answerBoolean ?? when.answerInteger ?? when.answerDecimal ?? when.answerString ?? "");
  return { question: when.question, operator: when.operator, answer };
}

function flatten(questionnaire: Questionnaire, issues: InstrumentIssue[]): InstrumentItem[] {
  const out: InstrumentItem[] = [];
  const visit = (items: readonly QuestionnaireItem[], parent: string | null, prefix: string) => {
    items.forEach((item, index) => {
      const path = `${prefix}item[${index}]`;
      const options = (item.answerOption ?? []).map(
        (option, o): InstrumentOption => ({
          code: option.valueCoding.code,
          system: option.valueCoding.system ?? null,
          display: option.valueCoding.display ?? null,
          weight: weightOf(option, `${path}.answerOption[${o}]`, issues),
        }),
      );
      const weighted = options.filter((o) => o.weight !== null);
      const scored = item.type === "choice" && weighted.length > 0;
      if (scored) {
        options.forEach((o, i) => {
          if (o.weight === null) issues.push({ path: `${path}.answerOption[${i}]`, message: "no weight" });
        });
      }
      const seen = new Set<string>();
      options.forEach((o, i) => {
        if (seen.has(o.code)) issues.push({ path: `${path}.answerOption[${i}]`, message: `duplicate answer code "${o.code}"` });
        seen.add(o.code);
      });
      const weights = weighted.map((o) => o.weight ?? 0);
      out.push({
        linkId: item.linkId,
        path,
        parentLinkId: parent,
        type: item.type,
        text: item.text ?? null,
        required: item.required ?? false,
        enableWhen: (item.enableWhen ?? []).map(conditionOf),
        enableBehavior: item.enableBehavior ?? "all",
        options,
        scored,
        weightRange: scored ? { min: Math.min(...weights), max: Math.max(...weights) } : null,
      });
      if (item.item) visit(item.item, item.linkId, `${path}.`);
    });
  };
  visit(questionnaire.item, null, "");
  return out;
}

const ORDERED_TYPES: ReadonlySet<ItemType> = new Set(["integer", "decimal", "string"]);

function checkEnableWhen(items: readonly InstrumentItem[], byId: ReadonlyMap<string, InstrumentItem>, issues: InstrumentIssue[]) {
  for (const item of items) {
    item.enableWhen.forEach((condition, i) => {
      const path = `${item.path}.enableWhen[${i}]`;
      const question = byId.get(condition.question);
      if (!question) {
        issues.push({ path, message: `question "${condition.question}" does not exist` });
        return;
      }
      if (question.type === "group" || question.type === "display") {
        issues.push({ path, message: `question "${condition.question}" is a ${question.type} item and has no answer` });
        return;
      }
      if (condition.operator === "exists") return;
      const answer = condition.answer;
      const fits =
        question.type === "choice"
          ? typeof answer === "object" && question.options.some((o) => o.code === answer.code)
          : question.type === "boolean"
            ? typeof answer === "boolean"
            : question.type === "string"
              ? typeof answer === "string"
              : typeof answer === "number";
      if (!fits) {
        issues.push({ path, message: `answer does not match the ${question.type} item "${question.linkId}" or its options` });
      } else if (!["=", "!="].includes(condition.operator) && !ORDERED_TYPES.has(question.type)) {
        issues.push({ path, message: `operator ${condition.operator} cannot compare ${question.type} answers` });
      }
    });
  }

  // Enablement of an item depends on its parent and on the items its conditions name.
  const state = new Map<string, "visiting" | "done">();
  const visit = (item: InstrumentItem, trail: string[]): boolean => {
    const seen = state.get(item.linkId);
    if (seen === "done") return true;
    if (seen === "visiting") {
      issues.push({ path: item.path, message: `enableWhen cycle: ${[...trail, item.linkId].join(" -> ")}` });
      return false;
    }
    state.set(item.linkId, "visiting");
    const next = [
      ...(item.parentLinkId === null ? [] : [item.parentLinkId]),
      ...item.enableWhen.map((c) => c.question),
    ];
    for (const id of next) {
      const dep = byId.get(id);
      if (dep && !visit(dep, [...trail, item.linkId])) return false;
    }
    state.set(item.linkId, "done");
    return true;
  };
  for (const item of items) if (!visit(item, [])) break;
}

function canBeDisabled(item: InstrumentItem, byId: ReadonlyMap<string, InstrumentItem>): boolean {
  for (let at: InstrumentItem | undefined = item; at; at = at.parentLinkId === null ? undefined : byId.get(at.parentLinkId)) {
    if (at.enableWhen.length > 0) return true;
  }
  return false;
}

/** Lowest and highest score reachable by a set of items, counting a disabled item as absent. */
function reachableRange(
  items: readonly InstrumentItem[],
  method: ScoreMethod,
  multiplier: number,
  byId: ReadonlyMap<string, InstrumentItem>,
): { min: Exact; max: Exact } {
  const zero = exact(0);
  const lower = (a: Exact, b: Exact) => (compareExact(a, b) <= 0 ? a : b);
  const upper = (a: Exact, b: Exact) => (compareExact(a, b) >= 0 ? a : b);
  const ranges = items.flatMap((item) =>
    item.weightRange ? [{ lo: exact(item.weightRange.min), hi: exact(item.weightRange.max), item }] : [],
  );
  const m = exact(multiplier);
  if (method === "mean") {
    return {
      min: mulExact(ranges.map((r) => r.lo).reduce(lower, ranges[0]?.lo ?? zero), m),
      max: mulExact(ranges.map((r) => r.hi).reduce(upper, ranges[0]?.hi ?? zero), m),
    };
  }
  const mins = ranges.map(({ lo, item }) => (canBeDisabled(item, byId) ? lower(lo, zero) : lo));
  const maxs = ranges.map(({ hi, item }) => (canBeDisabled(item, byId) ? upper(hi, zero) : hi));
  return { min: mulExact(sumExact(mins), m), max: mulExact(sumExact(maxs), m) };
}

function checkScoring(
  scoring: Omit<ScoringConfig, "subscales"> & { subscales: Omit<Subscale, "range">[] },
  items: readonly InstrumentItem[],
  byId: ReadonlyMap<string, InstrumentItem>,
  issues: InstrumentIssue[],
): Subscale[] {
  const scored = items.filter((i) => i.scored);
  if (scored.length === 0) issues.push({ path: "item", message: "no scored items (choice items with weighted answer options)" });

  const { total, missing, bands } = scoring;
  if (missing.rule === "prorate") {
    if (missing.minimumAnswered > scored.length) {
      issues.push({ path: "scoring.missing.minimumAnswered", message: `exceeds the ${scored.length} scored items` });
    }
    const first = scored[0]?.weightRange;
    const mixed = scored.find(
      (i) => first && i.weightRange && (i.weightRange.min !== first.min || i.weightRange.max !== first.max),
    );
    if (first && mixed) {
      issues.push({
        path: "scoring.missing",
        message: `proration needs every scored item on the same weight range (${mixed.linkId} differs)`,
      });
    }
  }

  const reach = reachableRange(scored, total.method, total.multiplier, byId);
  if (compareExact(reach.min, exact(total.min)) < 0 || compareExact(reach.max, exact(total.max)) > 0) {
    issues.push({
      path: "scoring.total",
      message: `declared range ${total.min}..${total.max} does not contain the reachable range ${exactToNumber(reach.min)}..${exactToNumber(reach.max)}`,
    });
  }

  bands.forEach((band, i) => {
    const path = bands.length > 1 ? `scoring.band[${i}]` : "scoring.band";
    const expectedFrom = i === 0 ? total.min : bands[i - 1]?.to;
    if (expectedFrom === undefined) return;
    const cmp = compareExact(exact(band.from), exact(expectedFrom));
    if (cmp > 0) issues.push({ path, message: `gap between ${expectedFrom} and ${band.from}` });
    if (cmp < 0) {
      issues.push({
        path,
        message: i === 0 ? `starts at ${band.from}, below the total minimum ${total.min}` : `overlaps the band before it (from ${band.from} < ${expectedFrom})`,
      });
    }
  });
  const last = bands[bands.length - 1];
  if (last && compareExact(exact(last.to), exact(total.max)) !== 0) {
    issues.push({
      path: bands.length > 1 ? `scoring.band[${bands.length - 1}]` : "scoring.band",
      message: `ends at ${last.to} but the total maximum is ${total.max}`,
    });
  }

  const subscaleIds = new Set<string>();
  const subscales = scoring.subscales.map((subscale, s): Subscale => {
    const path = scoring.subscales.length > 1 ? `scoring.subscale[${s}]` : "scoring.subscale";
    if (subscaleIds.has(subscale.id)) issues.push({ path, message: `duplicate subscale id "${subscale.id}"` });
    subscaleIds.add(subscale.id);
    const members: InstrumentItem[] = [];
    subscale.linkIds.forEach((linkId, k) => {
      const at = subscale.linkIds.length > 1 ? `${path}.item[${k}]` : `${path}.item`;
      const item = byId.get(linkId);
      if (!item) issues.push({ path: at, message: `linkId "${linkId}" does not exist` });
      else if (!item.scored) issues.push({ path: at, message: `linkId "${linkId}" is not a scored item` });
      else if (members.includes(item)) issues.push({ path: at, message: `linkId "${linkId}" is listed twice` });
      else members.push(item);
    });
    if (subscale.minimumAnswered !== null) {
      if (missing.rule !== "prorate") {
        issues.push({ path, message: "minimumAnswered on a subscale needs the prorate missing rule" });
      } else if (subscale.minimumAnswered > subscale.linkIds.length) {
        issues.push({ path, message: `minimumAnswered exceeds its ${subscale.linkIds.length} items` });
      }
    }
    const range = reachableRange(members, subscale.method, subscale.multiplier, byId);
    return { ...subscale, range: { min: exactToNumber(range.min), max: exactToNumber(range.max) } };
  });

  scoring.critical.forEach((rule, c) => {
    const path = scoring.critical.length > 1 ? `scoring.critical[${c}]` : "scoring.critical";
    const item = byId.get(rule.linkId);
    if (!item) {
      issues.push({ path, message: `linkId "${rule.linkId}" does not exist` });
      return;
    }
    if (item.type !== "choice") {
      issues.push({ path, message: `linkId "${rule.linkId}" is not a choice item` });
      return;
    }
    for (const code of rule.answerCodes) {
      if (!item.options.some((o) => o.code === code)) {
        issues.push({ path, message: `answer code "${code}" is not an option of "${rule.linkId}"` });
      }
    }
  });

  return subscales;
}

function lastSegment(url: string): string {
  const segment = url.split(/[/#:]/).filter(Boolean).pop() ?? "instrument";
  return segment.replace(/[^A-Za-z0-9\-.]/g, "-").slice(0, 64);
}

/**
 * Validates a FHIR R4 Questionnaire carrying our scoring extension and returns the flattened
 * instrument. Throws an InstrumentError naming `source` and every problem found.
 */
export function parseQuestionnaire(source: string, json: unknown): Instrument {
  const parsed = questionnaireSchema.safeParse(json);
  if (!parsed.success) throw new InstrumentError(source, zodIssues(json, parsed.error));
  const questionnaire = parsed.data;

  const extensions = questionnaire.extension ?? [];
  const scoringIndexes = extensions.flatMap((e, i) => (e.url === SCORING_EXTENSION_URL ? [i] : []));
  const scoringIndex = scoringIndexes[0];
  if (scoringIndex === undefined || scoringIndexes.length > 1) {
    throw new InstrumentError(source, [
      { path: "extension", message: `exactly one ${SCORING_EXTENSION_URL} extension is required` },
    ]);
  }
  const body = extensions[scoringIndex]?.extension;
  const scoringParsed = scoringExtensionSchema.safeParse(body ?? []);
  if (!scoringParsed.success) {
    throw new InstrumentError(source, zodIssues(json, scoringParsed.error, ["extension", scoringIndex, "extension"]));
  }

  const issues: InstrumentIssue[] = [];
  const items = flatten(questionnaire, issues);
  const byId = new Map<string, InstrumentItem>();
  for (const item of items) {
    if (byId.has(item.linkId)) issues.push({ path: item.path, message: `duplicate linkId "${item.linkId}"` });
    else byId.set(item.linkId, item);
  }
  if (issues.length > 0) throw new InstrumentError(source, issues);
  checkEnableWhen(items, byId, issues);
  const subscales = checkScoring(scoringParsed.data, items, byId, issues);
  if (issues.length > 0) throw new InstrumentError(source, issues);

  return {
    source,
    id: questionnaire.id ?? lastSegment(questionnaire.url),
    url: questionnaire.url,
    version: questionnaire.version,
    canonical: `${questionnaire.url}|${questionnaire.version}`,
    name: questionnaire.name ?? null,
    title: questionnaire.title,
    language: (questionnaire.language ?? "en").split("-")[0]!.toLowerCase(),
    status: questionnaire.status,
    description: questionnaire.description ?? null,
    copyright: questionnaire.copyright ?? null,
    code: (questionnaire.code ?? []).map((c) => ({ system: c.system ?? null, code: c.code, display: c.display ?? null })),
    items,
    scoring: { ...scoringParsed.data, subscales },
    questionnaire,
  };
}
