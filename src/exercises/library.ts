import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { loadBundledExercises, parseExerciseFile } from "@/content/exercises";
import type { Db } from "@/db/client";
import { customExercises } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { exerciseDefinitionSchema, type ExerciseDefinition } from "./schemas";
import { staffText } from "@/i18n/staff";

const exv = staffText("exerciseValidation");

export type LibraryExercise = ExerciseDefinition & { source: "bundled" | "organisation" };

/** Bundled exercises plus the organisation's own, each checked by the same schema. */
export async function listLibrary(db: Db, organisationId: string): Promise<LibraryExercise[]> {
  const bundled = (await loadBundledExercises()).map((e) => ({ ...e, source: "bundled" as const }));
  const rows = await db
    .select({ definition: customExercises.definition })
    .from(customExercises)
    .where(and(eq(customExercises.organisationId, organisationId), isNull(customExercises.archivedAt)))
    .orderBy(asc(customExercises.exerciseId));
  const own = rows.flatMap((r) => {
    const parsed = exerciseDefinitionSchema.safeParse(r.definition);
    return parsed.success ? [{ ...parsed.data, source: "organisation" as const }] : [];
  });
  return [...bundled, ...own];
}

export async function findExercise(db: Db, organisationId: string, exerciseId: string): Promise<LibraryExercise | null> {
  return (await listLibrary(db, organisationId)).find((e) => e.id === exerciseId) ?? null;
}

/** Reads an exercise file's text the way the bundled loader does; errors name the reason. */
export function parseCustomExercise(text: string): { ok: true; definition: ExerciseDefinition } | { ok: false; error: string } {
  const id = /^id:\s*([a-z0-9-]+)\s*$/m.exec(text)?.[1];
  if (!id) return { ok: false, error: exv("needsId") };
  try {
    return { ok: true, definition: parseExerciseFile(`${id}.md`, text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export const customExerciseSchema = z.object({
  text: z.string({ error: exv("pasteFile") }).min(1, exv("pasteFile")).max(50_000, exv("fileTooLong")),
  intent: z.enum(["preview", "save"]).default("preview"),
});

export type CustomExerciseResult = { saved: boolean; definition: ExerciseDefinition };

export const addCustomExerciseSpec: ActionSpec<typeof customExerciseSchema, undefined, CustomExerciseResult> = {
  name: "exercise.add",
  schema: customExerciseSchema,
  roles: ["admin"],
  audit: ({ result, input }) => ({
    action: input.intent === "save" ? "exercise.add" : "exercise.preview",
    entityType: "exercise",
    entityId: result.definition.id,
  }),
};

/** Checks an organisation's exercise file and, when asked, stores it beside the bundled ones. */
export const addCustomExercise: Handler<typeof customExerciseSchema, undefined, CustomExerciseResult> = async ({ db, actor, input }) => {
  const parsed = parseCustomExercise(input.text);
  if (!parsed.ok) throw new ActionRefused(exv("fileHasProblem"), { text: [parsed.error] });
  const clash = (await listLibrary(db, actor.organisationId)).some((e) => e.id === parsed.definition.id);
  if (clash) {
    throw new ActionRefused(exv("idTaken"), { text: [exv("idExists", { id: parsed.definition.id })] });
  }
  if (input.intent === "save") {
    await db.insert(customExercises).values({
      organisationId: actor.organisationId,
      exerciseId: parsed.definition.id,
      definition: parsed.definition,
      createdBy: actor.userId,
    });
  }
  return { saved: input.intent === "save", definition: parsed.definition };
};

export function isFamilyExercise(e: Pick<ExerciseDefinition, "audience">): boolean {
  return e.audience === "family";
}

