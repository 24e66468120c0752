import { z } from "zod";
import type { Band, CriticalRule, MissingRule, RciDefaults, ScoringConfig } from "./types";

const nonBlank = z.string().trim().min(1, "must not be empty");

// ---------------------------------------------------------------------------------------------
// Zod schemas: the scoring extension (a complex extension; see docs/scoring-extension.md)

const finite = z.number().refine(Number.isFinite, "must be a finite number");
const positive = finite.refine((v) => v > 0, "must be greater than 0");

const codePart = <U extends string, S extends z.ZodType>(url: U, value: S) =>
  z.strictObject({ url: z.literal(url), valueCode: value });
const stringPart = <U extends string, S extends z.ZodType>(url: U, value: S) =>
  z.strictObject({ url: z.literal(url), valueString: value });
const decimalPart = <U extends string, S extends z.ZodType>(url: U, value: S) =>
  z.strictObject({ url: z.literal(url), valueDecimal: value });
const integerPart = <U extends string, S extends z.ZodType>(url: U, value: S) =>
  z.strictObject({ url: z.literal(url), valueInteger: value });
const complexPart = <U extends string, S extends z.ZodType>(url: U, value: S) =>
  z.strictObject({ url: z.literal(url), extension: value });

type Ctx = z.RefinementCtx;

function all<P extends { url: string }, U extends P["url"]>(parts: readonly P[], url: U): Extract<P, { url: U }>[] {
  return parts.filter((p): p is Extract<P, { url: U }> => p.url === url);
}

function optionalOne<P extends { url: string }, U extends P["url"]>(
  parts: readonly P[],
  url: U,
  ctx: Ctx,
): Extract<P, { url: U }> | undefined {
  const found = all(parts, url);
  if (found.length > 1) ctx.addIssue({ code: "custom", message: `"${url}" may appear only once` });
  return found[0];
}

function one<P extends { url: string }, U extends P["url"]>(
  parts: readonly P[],
  url: U,
  ctx: Ctx,
): Extract<P, { url: U }> | undefined {
  const found = optionalOne(parts, url, ctx);
  if (found === undefined) ctx.addIssue({ code: "custom", message: `"${url}" is required` });
  return found;
}

const totalSchema = z
  .array(
    z.discriminatedUnion("url", [
      codePart("method", z.enum(["sum", "mean"])),
      decimalPart("min", finite),
      decimalPart("max", finite),
      decimalPart("multiplier", positive),
    ]),
  )
  .transform((parts, ctx) => {
    const method = one(parts, "method", ctx);
    const min = one(parts, "min", ctx);
    const max = one(parts, "max", ctx);
    const multiplier = optionalOne(parts, "multiplier", ctx);
    if (!method || !min || !max) return z.NEVER;
    if (min.valueDecimal >= max.valueDecimal) {
      ctx.addIssue({ code: "custom", message: "min must be below max" });
      return z.NEVER;
    }
    return {
      method: method.valueCode,
      min: min.valueDecimal,
      max: max.valueDecimal,
      multiplier: multiplier?.valueDecimal ?? 1,
    };
  });

const missingSchema = z
  .array(
    z.discriminatedUnion("url", [
      codePart("rule", z.enum(["invalid", "prorate"])),
      integerPart("minimumAnswered", z.number().int().min(1)),
    ]),
  )
  .transform((parts, ctx): MissingRule => {
    const rule = one(parts, "rule", ctx);
    const minimum = optionalOne(parts, "minimumAnswered", ctx);
    if (!rule) return z.NEVER;
    if (rule.valueCode === "invalid") {
      if (minimum) ctx.addIssue({ code: "custom", message: "minimumAnswered applies only to the prorate rule" });
      return { rule: "invalid" };
    }
    if (!minimum) {
      ctx.addIssue({ code: "custom", message: "the prorate rule needs minimumAnswered" });
      return z.NEVER;
    }
    return { rule: "prorate", minimumAnswered: minimum.valueInteger };
  });

const subscaleSchema = z
  .array(
    z.discriminatedUnion("url", [
      codePart("id", z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' and '-' only")),
      stringPart("label", nonBlank),
      codePart("method", z.enum(["sum", "mean"])),
      decimalPart("multiplier", positive),
      stringPart("item", nonBlank),
      integerPart("minimumAnswered", z.number().int().min(1)),
    ]),
  )
  .transform((parts, ctx) => {
    const id = one(parts, "id", ctx);
    const label = one(parts, "label", ctx);
    const method = one(parts, "method", ctx);
    const multiplier = optionalOne(parts, "multiplier", ctx);
    const minimum = optionalOne(parts, "minimumAnswered", ctx);
    const items = all(parts, "item").map((p) => p.valueString);
    if (items.length === 0) ctx.addIssue({ code: "custom", message: `"item" is required` });
    if (!id || !label || !method || items.length === 0) return z.NEVER;
    return {
      id: id.valueCode,
      label: label.valueString,
      method: method.valueCode,
      multiplier: multiplier?.valueDecimal ?? 1,
      linkIds: items,
      minimumAnswered: minimum?.valueInteger ?? null,
    };
  });

const bandSchema = z
  .array(
    z.discriminatedUnion("url", [
      decimalPart("from", finite),
      decimalPart("to", finite),
      stringPart("label", nonBlank),
      integerPart("severity", z.number().int().min(0)),
    ]),
  )
  .transform((parts, ctx): Band => {
    const from = one(parts, "from", ctx);
    const to = one(parts, "to", ctx);
    const label = one(parts, "label", ctx);
    const severity = one(parts, "severity", ctx);
    if (!from || !to || !label || !severity) return z.NEVER;
    if (from.valueDecimal >= to.valueDecimal) {
      ctx.addIssue({ code: "custom", message: "from must be below to" });
      return z.NEVER;
    }
    return { from: from.valueDecimal, to: to.valueDecimal, label: label.valueString, severity: severity.valueInteger };
  });

const criticalSchema = z
  .array(
    z.discriminatedUnion("url", [
      stringPart("item", nonBlank),
      codePart("answer", nonBlank),
      stringPart("message", nonBlank),
    ]),
  )
  .transform((parts, ctx): CriticalRule => {
    const item = one(parts, "item", ctx);
    const message = one(parts, "message", ctx);
    const answers = all(parts, "answer").map((p) => p.valueCode);
    if (answers.length === 0) ctx.addIssue({ code: "custom", message: `"answer" is required` });
    if (!item || !message || answers.length === 0) return z.NEVER;
    return { linkId: item.valueString, answerCodes: answers, message: message.valueString };
  });

const rciSchema = z
  .array(
    z.discriminatedUnion("url", [
      codePart("source", z.enum(["organisation", "published"])),
      decimalPart("r", finite.refine((r) => r >= 0 && r < 1, "must be at least 0 and below 1")),
      decimalPart("sd", positive),
      stringPart("citation", nonBlank),
    ]),
  )
  .transform((parts, ctx): RciDefaults => {
    const source = one(parts, "source", ctx);
    const r = one(parts, "r", ctx);
    const sd = one(parts, "sd", ctx);
    const citation = one(parts, "citation", ctx);
    if (!source || !r || !sd || !citation) return z.NEVER;
    return { source: source.valueCode, r: r.valueDecimal, sd: sd.valueDecimal, citation: citation.valueString };
  });

const normSchema = z
  .array(
    z.discriminatedUnion("url", [
      codePart("population", z.enum(["functional", "dysfunctional"])),
      decimalPart("mean", finite),
      decimalPart("sd", positive),
      stringPart("citation", nonBlank),
    ]),
  )
  .transform((parts, ctx) => {
    const population = one(parts, "population", ctx);
    const mean = one(parts, "mean", ctx);
    const sd = one(parts, "sd", ctx);
    const citation = one(parts, "citation", ctx);
    if (!population || !mean || !sd || !citation) return z.NEVER;
    return {
      population: population.valueCode,
      norm: { mean: mean.valueDecimal, sd: sd.valueDecimal, citation: citation.valueString },
    };
  });

/** The body (`extension` array) of the scoring extension, folded into a ScoringConfig (without derived ranges). */
export const scoringExtensionSchema = z
  .array(
    z.discriminatedUnion("url", [
      codePart("direction", z.enum(["higher_is_better", "higher_is_worse"])),
      complexPart("total", totalSchema),
      complexPart("missing", missingSchema),
      complexPart("subscale", subscaleSchema),
      complexPart("band", bandSchema),
      complexPart("critical", criticalSchema),
      complexPart("rci", rciSchema),
      complexPart("norm", normSchema),
    ]),
  )
  .transform((parts, ctx) => {
    const direction = one(parts, "direction", ctx);
    const total = one(parts, "total", ctx);
    const missing = one(parts, "missing", ctx);
    const rci = one(parts, "rci", ctx);
    const bands = all(parts, "band").map((p) => p.extension);
    if (bands.length === 0) ctx.addIssue({ code: "custom", message: `"band" is required` });
    const norms: ScoringConfig["norms"] = { functional: null, dysfunctional: null };
    for (const { extension: n } of all(parts, "norm")) {
      if (norms[n.population] !== null) {
        ctx.addIssue({ code: "custom", message: `only one ${n.population} norm is allowed` });
      }
      norms[n.population] = n.norm;
    }
    if (!direction || !total || !missing || !rci || bands.length === 0) return z.NEVER;
    return {
      direction: direction.valueCode,
      total: total.extension,
      missing: missing.extension,
      subscales: all(parts, "subscale").map((p) => p.extension),
      bands,
      critical: all(parts, "critical").map((p) => p.extension),
      rci: rci.extension,
      norms,
    };
  });

