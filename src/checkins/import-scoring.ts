import { z } from "zod";
import { SCORING_EXTENSION_URL, type Extension } from "@/instruments/fhir-schema";
import { stringList, uuid } from "@/lib/zod-fields";
import { staffText } from "@/i18n/staff";

const ie = staffText("instrumentImportErrors");

const number = (label: string) =>
  z
    .string({ error: ie("enterLabel", { label }) })
    .trim()
    .min(1, ie("enterLabel", { label }))
    .transform(Number)
    .pipe(z.number({ error: ie("numberFor", { label }) }));

const optionalInteger = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : undefined))
  .pipe(z.number({ error: ie("wholeNumber") }).int(ie("wholeNumber")).min(1, ie("atLeastOne")).optional());

export interface BandRow {
  from: number;
  to: number;
  label: string;
}

/** The scoring form: what an admin says about an imported questionnaire, written as our extension. */
export const scoringFormSchema = z
  .object({
    instrumentId: uuid(ie("unknownQuestionnaire")),
    direction: z.enum(["higher_is_worse", "higher_is_better"], { error: ie("chooseDirection") }),
    method: z.enum(["sum", "mean"], { error: ie("chooseMethod") }),
    min: number(ie("theLowestTotal")),
    max: number(ie("theHighestTotal")),
    missingRule: z.enum(["invalid", "prorate"], { error: ie("chooseMissingRule") }),
    minimumAnswered: optionalInteger,
    bandFrom: stringList,
    bandTo: stringList,
    bandLabel: stringList,
    rciSource: z.enum(["published", "organisation"], { error: ie("chooseRciSource") }),
    rciR: number(ie("theReliability")).pipe(z.number().min(0, ie("between0And1")).lt(1, ie("below1"))),
    rciSd: number(ie("theStandardDeviation")).pipe(z.number().positive(ie("above0"))),
    rciCitation: z.string().trim().min(1, ie("sayWhereNumbersFrom")).max(500),
    criticalItem: z.string().trim().max(200).optional(),
    criticalAnswers: z.string().trim().max(500).optional(),
    criticalMessage: z.string().trim().max(500).optional(),
  })
  .transform((v, ctx) => {
    const bands: BandRow[] = [];
    const rows = Math.max(v.bandFrom.length, v.bandTo.length, v.bandLabel.length);
    for (let i = 0; i < rows; i++) {
      const from = v.bandFrom[i]?.trim() ?? "";
      const to = v.bandTo[i]?.trim() ?? "";
      const label = v.bandLabel[i]?.trim() ?? "";
      if (!from && !to && !label) continue;
      if (!from || !to || !label || !Number.isFinite(Number(from)) || !Number.isFinite(Number(to))) {
        ctx.addIssue({ code: "custom", path: ["bands"], message: ie("bandIncomplete", { band: String(i + 1) }) });
        continue;
      }
      bands.push({ from: Number(from), to: Number(to), label });
    }
    if (bands.length === 0) ctx.addIssue({ code: "custom", path: ["bands"], message: ie("addBand") });
    if (v.min >= v.max) ctx.addIssue({ code: "custom", path: ["max"], message: ie("highestAboveLowest") });
    if (v.missingRule === "prorate" && v.minimumAnswered === undefined) {
      ctx.addIssue({ code: "custom", path: ["minimumAnswered"], message: ie("sayMinimumAnswered") });
    }
    const critical = [v.criticalItem, v.criticalAnswers, v.criticalMessage].filter(Boolean).length;
    if (critical > 0 && critical < 3) {
      ctx.addIssue({ code: "custom", path: ["criticalItem"], message: ie("criticalNeedsAll") });
    }
    return { ...v, bands, hasCritical: critical === 3 };
  });
export type ScoringFormInput = z.infer<typeof scoringFormSchema>;

const decimal = (url: string, value: number): Extension => ({ url, valueDecimal: value });

/**
 * The scoring extension the form describes. Band severity follows the band's place: the band
 * at the better end is 0 (least concern). Subscale and norm parts of an earlier extension are
 * kept, since the form does not edit them.
 */
export function buildScoringExtension(input: ScoringFormInput, keep: readonly Extension[] = []): Extension {
  const bands = [...input.bands].sort((a, b) => a.from - b.from);
  const severity = (i: number) => (input.direction === "higher_is_worse" ? i : bands.length - 1 - i);
  const parts: Extension[] = [
    { url: "direction", valueCode: input.direction },
    { url: "total", extension: [{ url: "method", valueCode: input.method }, decimal("min", input.min), decimal("max", input.max)] },
    {
      url: "missing",
      extension: [
        { url: "rule", valueCode: input.missingRule },
        ...(input.missingRule === "prorate" && input.minimumAnswered !== undefined ? [{ url: "minimumAnswered", valueInteger: input.minimumAnswered }] : []),
      ],
    },
    ...keep.filter((p) => p.url === "subscale"),
    ...bands.map((b, i) => ({
      url: "band",
      extension: [decimal("from", b.from), decimal("to", b.to), { url: "label", valueString: b.label }, { url: "severity", valueInteger: severity(i) }],
    })),
    ...(input.hasCritical
      ? [
          {
            url: "critical",
            extension: [
              { url: "item", valueString: input.criticalItem ?? "" },
              ...(input.criticalAnswers ?? "")
                .split(",")
                .map((c) => c.trim())
                .filter(Boolean)
                .map((code) => ({ url: "answer", valueCode: code })),
              { url: "message", valueString: input.criticalMessage ?? "" },
            ],
          },
        ]
      : []),
    {
      url: "rci",
      extension: [{ url: "source", valueCode: input.rciSource }, decimal("r", input.rciR), decimal("sd", input.rciSd), { url: "citation", valueString: input.rciCitation }],
    },
    ...keep.filter((p) => p.url === "norm"),
  ];
  return { url: SCORING_EXTENSION_URL, extension: parts };
}

/** Parser paths in words for the admin: `scoring.band[1]` → "Band 2". */
export function describeProblem(problem: string): string {
  return problem
    .replace(/^scoring\.band\[(\d+)\]/, (_, n: string) => ie("pathBandNumber", { band: String(Number(n) + 1) }))
    .replace(/^scoring\.band\b/, ie("pathBand"))
    .replace(/^scoring\.total\b/, ie("pathTotal"))
    .replace(/^scoring\.missing(\.minimumAnswered)?\b/, ie("pathMissing"))
    .replace(/^scoring\.critical(\[\d+\])?/, ie("pathCritical"))
    .replace(/^scoring\.rci\b/, ie("pathReliability"));
}
