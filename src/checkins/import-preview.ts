import { InstrumentError, questionnaireSchema, SCORING_EXTENSION_URL, type Extension, type Instrument, type InstrumentItem } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { staffText } from "@/i18n/staff";

const ie = staffText("instrumentImportErrors");

export interface PreviewItem {
  linkId: string;
  text: string | null;
  type: InstrumentItem["type"];
  depth: number;
  scored: boolean;
  conditional: boolean;
  options: { code: string; display: string | null; weight: number | null }[];
}

export interface ImportPreview {
  /** False when the file cannot be used at all (not a Questionnaire, or items Attune cannot read). */
  usable: boolean;
  /** Problems with the file itself; the import is refused while there are any. */
  problems: string[];
  /** Problems with the scoring extension (or its absence); the draft is kept and the form fixes them. */
  scoringProblems: string[];
  url: string | null;
  version: string | null;
  title: string | null;
  copyright: string | null;
  items: PreviewItem[];
  scoredItems: number;
  /** Lowest and highest sum the weights can reach. */
  reachable: { min: number; max: number } | null;
  /** Set when the questionnaire with its scoring extension is ready to publish. */
  instrument: Instrument | null;
}

const BIG = 1_000_000_000;

/** A scoring extension that accepts any weights, used to read items and weights before scoring is set. */
const probeExtension: Extension = {
  url: SCORING_EXTENSION_URL,
  extension: [
    { url: "direction", valueCode: "higher_is_worse" },
    { url: "total", extension: [{ url: "method", valueCode: "sum" }, { url: "min", valueDecimal: -BIG }, { url: "max", valueDecimal: BIG }] },
    { url: "missing", extension: [{ url: "rule", valueCode: "invalid" }] },
    { url: "band", extension: [{ url: "from", valueDecimal: -BIG }, { url: "to", valueDecimal: BIG }, { url: "label", valueString: "probe" }, { url: "severity", valueInteger: 0 }] },
    { url: "rci", extension: [{ url: "source", valueCode: "published" }, { url: "r", valueDecimal: 0 }, { url: "sd", valueDecimal: 1 }, { url: "citation", valueString: "probe" }] },
  ],
};

function issuesOf(error: unknown): string[] {
  if (error instanceof InstrumentError) return error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return [error instanceof Error ? error.message : String(error)];
}

export function withScoringExtension(questionnaire: Record<string, unknown>, scoring: Extension): Record<string, unknown> {
  const others = Array.isArray(questionnaire.extension) ? (questionnaire.extension as unknown[]) : [];
  const kept = others.filter((e) => !(typeof e === "object" && e !== null && (e as { url?: unknown }).url === SCORING_EXTENSION_URL));
  return { ...questionnaire, extension: [...kept, scoring] };
}

/** Sum of the lowest and highest weights; an item that may be switched off can also add nothing. */
export function reachableSum(items: readonly InstrumentItem[]): { min: number; max: number } | null {
  const byId = new Map(items.map((i) => [i.linkId, i]));
  const conditional = (item: InstrumentItem): boolean => {
    for (let at: InstrumentItem | undefined = item; at; at = at.parentLinkId ? byId.get(at.parentLinkId) : undefined) {
      if (at.enableWhen.length > 0) return true;
    }
    return false;
  };
  const scored = items.filter((i) => i.scored && i.weightRange);
  if (scored.length === 0) return null;
  let min = 0;
  let max = 0;
  for (const item of scored) {
    const range = item.weightRange!;
    min += conditional(item) ? Math.min(range.min, 0) : range.min;
    max += conditional(item) ? Math.max(range.max, 0) : range.max;
  }
  return { min: Math.round(min * 1e6) / 1e6, max: Math.round(max * 1e6) / 1e6 };
}

/**
 * What Attune understood of an uploaded Questionnaire: its items and weights and the range the
 * weights can reach, the problems that stop it from being used, and whether its scoring
 * extension is ready. Reads the items with a permissive stand-in extension when the file's own
 * is missing or wrong, so an admin sees the items before writing the scoring.
 */
export function previewQuestionnaire(source: string, json: unknown): ImportPreview {
  const empty: ImportPreview = { usable: false, problems: [], scoringProblems: [], url: null, version: null, title: null, copyright: null, items: [], scoredItems: 0, reachable: null, instrument: null };
  const shape = questionnaireSchema.safeParse(json);
  if (!shape.success) {
    try {
      parseQuestionnaire(source, json);
    } catch (error) {
      return { ...empty, problems: issuesOf(error) };
    }
    return { ...empty, problems: [ie("notReadable")] };
  }
  let instrument: Instrument | null = null;
  let scoringProblems: string[] = [];
  let understood: Instrument;
  try {
    instrument = parseQuestionnaire(source, json);
    understood = instrument;
  } catch (error) {
    const hasScoring = (shape.data.extension ?? []).some((e) => e.url === SCORING_EXTENSION_URL);
    scoringProblems = hasScoring ? issuesOf(error) : [ie("noScoringYet")];
    try {
      understood = parseQuestionnaire(source, withScoringExtension(shape.data, probeExtension));
    } catch (probeError) {
      return { ...empty, url: shape.data.url, version: shape.data.version, title: shape.data.title, problems: issuesOf(probeError) };
    }
  }
  const depthOf = (item: InstrumentItem) => item.path.split(".").length - 1;
  const items = understood.items.map((i) => ({
    linkId: i.linkId,
    text: i.text,
    type: i.type,
    depth: depthOf(i),
    scored: i.scored,
    conditional: i.enableWhen.length > 0,
    options: i.options.map((o) => ({ code: o.code, display: o.display, weight: o.weight })),
  }));
  return {
    usable: true,
    problems: [],
    scoringProblems,
    url: understood.url,
    version: understood.version,
    title: understood.title,
    copyright: understood.copyright,
    items,
    scoredItems: items.filter((i) => i.scored).length,
    reachable: reachableSum(understood.items),
    instrument,
  };
}
