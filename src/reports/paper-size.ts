import { eq } from "drizzle-orm";
import { z } from "zod";
import { organisations, paperSize, type PaperSize } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { staffText } from "@/i18n/staff";

const rv = staffText("reportValidation");

export type { PaperSize };

export { paperSizeLabels } from "./paper-size-labels";

/** Page sizes in PDF points, as @react-pdf/renderer names and measures them. */
export const paperPages: Record<PaperSize, { name: "LETTER" | "A4"; width: number; height: number }> = {
  letter: { name: "LETTER", width: 612, height: 792 },
  a4: { name: "A4", width: 595.28, height: 841.89 },
};

export const paperSizeSchema = z.object({ paperSize: z.enum(paperSize.enumValues, { error: rv("chooseLetterOrA4") }) });

/** The administrator chooses the paper of the organisation's PDF reports. */
export const setPaperSizeSpec: ActionSpec<typeof paperSizeSchema, { id: string }, { paperSize: PaperSize }> = {
  name: "organisation.paper_size",
  schema: paperSizeSchema,
  roles: ["admin"],
  load: async (db, actor) => {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.organisationId)).limit(1);
    return org ?? null;
  },
  audit: ({ record, result }) => ({ action: "organisation.paper_size", entityType: "organisation", entityId: record.id, detail: { paperSize: result.paperSize } }),
};

export const setPaperSize: Handler<typeof paperSizeSchema, { id: string }, { paperSize: PaperSize }> = async ({ db, input, record }) => {
  await db.update(organisations).set({ paperSize: input.paperSize }).where(eq(organisations.id, record.id));
  return { paperSize: input.paperSize };
};
