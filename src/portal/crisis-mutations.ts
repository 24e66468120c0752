import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { crisisLines, organisations } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { optionalText } from "@/lib/zod-fields";
import { staffText } from "@/i18n/staff";

const crv = staffText("crisisValidation");

export const CRISIS_LINE_SLOTS = 3;

const line = (i: number) => ({
  [`name${i}`]: optionalText(120, crv("theName")),
  [`contact${i}`]: optionalText(160, crv("howToReach")),
  [`hours${i}`]: optionalText(80, crv("theHours")),
});

export const crisisLinesSchema = z
  .object({
    country: z.string().trim().regex(/^[A-Z]{2}$/, crv("chooseCountry")),
    ...line(1),
    ...line(2),
    ...line(3),
  })
  .superRefine((value, ctx) => {
    const v = value as Record<string, string | undefined>;
    for (let i = 1; i <= CRISIS_LINE_SLOTS; i++) {
      if (v[`name${i}`] && !v[`contact${i}`]) ctx.addIssue({ code: "custom", path: [`contact${i}`], message: crv("sayHowToReach") });
      if (!v[`name${i}`] && v[`contact${i}`]) ctx.addIssue({ code: "custom", path: [`name${i}`], message: crv("nameLine") });
    }
  });

type Result = { country: string; lines: number };

export const setCrisisLinesSpec: ActionSpec<typeof crisisLinesSchema, { id: string }, Result> = {
  name: "organisation.crisis_lines",
  schema: crisisLinesSchema,
  roles: ["admin"],
  load: async (db, actor) => {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.organisationId)).limit(1);
    return org ?? null;
  },
  audit: ({ record, result }) => ({ action: "organisation.crisis_lines", entityType: "organisation", entityId: record.id, detail: { country: result.country, lines: result.lines } }),
};

/** Replaces the organisation's crisis lines for one country; none left means the built-in ones show again. */
export const setCrisisLines: Handler<typeof crisisLinesSchema, { id: string }, Result> = async ({ db, input, record }) => {
  const v = input as Record<string, string | undefined>;
  const rows = [];
  for (let i = 1; i <= CRISIS_LINE_SLOTS; i++) {
    const name = v[`name${i}`];
    const contact = v[`contact${i}`];
    if (name && contact) rows.push({ organisationId: record.id, country: input.country, position: rows.length, name, contact, hours: v[`hours${i}`] ?? null });
  }
  await db.delete(crisisLines).where(and(eq(crisisLines.organisationId, record.id), eq(crisisLines.country, input.country)));
  if (rows.length) await db.insert(crisisLines).values(rows);
  return { country: input.country, lines: rows.length };
};
