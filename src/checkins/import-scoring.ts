import { z } from "zod";
import { SCORING_EXTENSION_URL, type Extension } from "@/instruments/fhir-schema";
import { stringList, uuid } from "@/lib/zod-fields";

const number = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .transform(Number)
    .pipe(z.number({ error: `Enter a number for ${label}.` }));

const optionalInteger = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : undefined))
  .pipe(z.number({ error: "Enter a whole number." }).int("Enter a whole number.").min(1, "At least 1.").optional());

export interface BandRow {
  from: number;
  to: number;
  label: string;
}

/** The scoring form: what an admin says about an imported questionnaire, written as our extension. */
export const scoringFormSchema = z
  .object({
    instrumentId: uuid("Unknown questionnaire."),
    direction: z.enum(["higher_is_worse", "higher_is_better"], { error: "Choose which way is better." }),
    method: z.enum(["sum", "mean"], { error: "Choose how the total is made." }),
    min: number("the lowest total"),
    max: number("the highest total"),
    missingRule: z.enum(["invalid", "prorate"], { error: "Choose what a missing answer does." }),
    minimumAnswered: optionalInteger,
    bandFrom: stringList,
    bandTo: stringList,
    bandLabel: stringList,
    rciSource: z.enum(["published", "organisation"], { error: "Choose where the reliability comes from." }),
    rciR: number("the reliability").pipe(z.number().min(0, "Between 0 and 1.").lt(1, "Below 1.")),
    rciSd: number("the standard deviation").pipe(z.number().positive("Above 0.")),
    rciCitation: z.string().trim().min(1, "Say where these numbers come from.").max(500),
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
        ctx.addIssue({ code: "custom", path: ["bands"], message: `Band ${i + 1} needs a number from, a number to and a label.` });
        continue;
      }
      bands.push({ from: Number(from), to: Number(to), label });
    }
    if (bands.length === 0) ctx.addIssue({ code: "custom", path: ["bands"], message: "Add at least one band." });
    if (v.min >= v.max) ctx.addIssue({ code: "custom", path: ["max"], message: "The highest total must be above the lowest." });
    if (v.missingRule === "prorate" && v.minimumAnswered === undefined) {
      ctx.addIssue({ code: "custom", path: ["minimumAnswered"], message: "Say how many answers are needed to scale the total up." });
    }
    const critical = [v.criticalItem, v.criticalAnswers, v.criticalMessage].filter(Boolean).length;
    if (critical > 0 && critical < 3) {
      ctx.addIssue({ code: "custom", path: ["criticalItem"], message: "A critical answer needs the question, the answer codes and the message (or none of them)." });
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
    .replace(/^scoring\.band\[(\d+)\]/, (_, n: string) => `Band ${Number(n) + 1}`)
    .replace(/^scoring\.band\b/, "Band")
    .replace(/^scoring\.total\b/, "Total range")
    .replace(/^scoring\.missing(\.minimumAnswered)?\b/, "Missing answers")
    .replace(/^scoring\.critical(\[\d+\])?/, "Critical answer")
    .replace(/^scoring\.rci\b/, "Reliability");
}
