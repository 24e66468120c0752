import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/auth/actor";
import { loadBundledInstruments } from "@/content/instruments";
import type { Db } from "@/db/client";
import { importedInstruments } from "@/db/schema";
import { InstrumentError, SCORING_EXTENSION_URL, type Extension } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { uuid } from "@/lib/zod-fields";
import { writtenForAttune } from "./catalog";
import { previewQuestionnaire, withScoringExtension } from "./import-preview";
import { buildScoringExtension, describeProblem, scoringFormSchema } from "./import-scoring";
import { staffText } from "@/i18n/staff";

const ie = staffText("instrumentImportErrors");

export const MAX_QUESTIONNAIRE_CHARS = 500_000;
const admins = ["admin"] as const;

export const uploadSchema = z.object({
  json: z
    .string({ error: ie("pasteOrChoose") })
    .trim()
    .min(1, ie("pasteOrChoose"))
    .max(MAX_QUESTIONNAIRE_CHARS, ie("fileTooLarge")),
});
export const instrumentIdSchema = z.object({ instrumentId: uuid(ie("unknownQuestionnaire")) });

type Saved = { id: string; url: string; version: string };

export const uploadSpec: ActionSpec<typeof uploadSchema, null, Saved> = {
  name: "instrument.import",
  schema: uploadSchema,
  roles: admins,
  audit: ({ result }) => ({ action: "instrument.import", entityType: "imported_instrument", entityId: result.id, detail: { url: result.url, version: result.version } }),
};

/** Keeps an uploaded Questionnaire as a draft, or refuses it with every reason it cannot be used. */
export const upload: Handler<typeof uploadSchema, null, Saved> = async ({ db, actor, input }) => {
  let json: unknown;
  try {
    json = JSON.parse(input.json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ActionRefused(ie("notValidJson"), { json: [ie("notValidJsonReason", { reason })] });
  }
  const preview = previewQuestionnaire("the uploaded questionnaire", json);
  if (!preview.usable || !preview.url || !preview.version || !preview.title) {
    const problems = preview.problems.map(describeProblem);
    throw new ActionRefused(ie("cannotUse", { count: problems.length }), { json: problems });
  }
  const bundled = await loadBundledInstruments();
  if (writtenForAttune({ url: preview.url }) || bundled.some((b) => b.url === preview.url)) {
    throw new ActionRefused(ie("urlReserved"), { json: [ie("urlReservedField", { url: preview.url })] });
  }
  const [existing] = await db
    .select({ id: importedInstruments.id, status: importedInstruments.status })
    .from(importedInstruments)
    .where(and(eq(importedInstruments.organisationId, actor.organisationId), eq(importedInstruments.url, preview.url), eq(importedInstruments.version, preview.version)));
  if (existing && existing.status !== "draft") {
    const status = existing.status === "published" ? "published" : "retired";
    throw new ActionRefused(ie("versionUsed", { version: preview.version, status }), {
      json: [ie("versionUsedField", { url: preview.url, version: preview.version, status })],
    });
  }
  const values = { title: preview.title, questionnaire: json };
  if (existing) {
    await db.update(importedInstruments).set(values).where(eq(importedInstruments.id, existing.id));
    return { id: existing.id, url: preview.url, version: preview.version };
  }
  const [row] = await db
    .insert(importedInstruments)
    .values({ ...values, organisationId: actor.organisationId, url: preview.url, version: preview.version, createdBy: actor.userId })
    .returning({ id: importedInstruments.id });
  return { id: row!.id, url: preview.url, version: preview.version };
};

type Row = { id: string; url: string; version: string; title: string; questionnaire: unknown; status: "draft" | "published" | "retired" };

const loadRow =
  (status: Row["status"]) =>
  async (db: Db, actor: Actor, input: { instrumentId: string }): Promise<Row | null> => {
    const [row] = await db
      .select({
        id: importedInstruments.id,
        url: importedInstruments.url,
        version: importedInstruments.version,
        title: importedInstruments.title,
        questionnaire: importedInstruments.questionnaire,
        status: importedInstruments.status,
      })
      .from(importedInstruments)
      .where(and(eq(importedInstruments.id, input.instrumentId), eq(importedInstruments.organisationId, actor.organisationId)));
    if (!row) return null;
    if (row.status !== status) throw new ActionRefused(ie("versionIs", { status: row.status }));
    return row;
  };

const auditOf = (action: string) => ({ record }: { record: Row }) => ({
  action,
  entityType: "imported_instrument",
  entityId: record.id,
  detail: { url: record.url, version: record.version },
});

function problemsOf(error: unknown): string[] {
  if (error instanceof InstrumentError) return error.issues.map((i) => describeProblem(i.path ? `${i.path}: ${i.message}` : i.message));
  throw error;
}

function scoringParts(questionnaire: unknown): Extension[] {
  const extensions = (questionnaire as { extension?: unknown }).extension;
  if (!Array.isArray(extensions)) return [];
  const scoring = extensions.find((e): e is Extension => typeof e === "object" && e !== null && (e as Extension).url === SCORING_EXTENSION_URL);
  return Array.isArray(scoring?.extension) ? scoring.extension : [];
}

export const setScoringSpec: ActionSpec<typeof scoringFormSchema, Row, void> = {
  name: "instrument.scoring",
  schema: scoringFormSchema,
  roles: admins,
  load: loadRow("draft"),
  audit: auditOf("instrument.scoring"),
};

/** Writes the scoring extension into the draft, only when the whole questionnaire then parses. */
export const setScoring: Handler<typeof scoringFormSchema, Row, void> = async ({ db, input, record }) => {
  const extension = buildScoringExtension(input, scoringParts(record.questionnaire));
  const questionnaire = withScoringExtension(record.questionnaire as Record<string, unknown>, extension);
  try {
    parseQuestionnaire(`draft "${record.title}"`, questionnaire);
  } catch (error) {
    const problems = problemsOf(error);
    throw new ActionRefused(ie("scoringDoesNotFit"), { scoring: problems });
  }
  await db.update(importedInstruments).set({ questionnaire }).where(eq(importedInstruments.id, record.id));
};

export const publishSpec: ActionSpec<typeof instrumentIdSchema, Row, void> = {
  name: "instrument.publish",
  schema: instrumentIdSchema,
  roles: admins,
  load: loadRow("draft"),
  audit: auditOf("instrument.publish"),
};

/**
 * Publishes a draft for the organisation. The version published before it is retired (kept,
 * so the scores it made can still be read and recomputed), and new check-ins use this one.
 */
export const publish: Handler<typeof instrumentIdSchema, Row, void> = async ({ db, actor, record }) => {
  try {
    parseQuestionnaire(`draft "${record.title}"`, record.questionnaire);
  } catch (error) {
    throw new ActionRefused(ie("cannotPublish", { problems: problemsOf(error).join("; ") }));
  }
  await db
    .update(importedInstruments)
    .set({ status: "retired" })
    .where(and(eq(importedInstruments.organisationId, actor.organisationId), eq(importedInstruments.url, record.url), eq(importedInstruments.status, "published")));
  await db.update(importedInstruments).set({ status: "published", publishedAt: new Date() }).where(eq(importedInstruments.id, record.id));
};

export const retireSpec: ActionSpec<typeof instrumentIdSchema, Row, void> = {
  name: "instrument.retire",
  schema: instrumentIdSchema,
  roles: admins,
  load: loadRow("published"),
  audit: auditOf("instrument.retire"),
};

/** Stops offering a published version; its stored scores stay readable. */
export const retire: Handler<typeof instrumentIdSchema, Row, void> = async ({ db, record }) => {
  await db.update(importedInstruments).set({ status: "retired" }).where(eq(importedInstruments.id, record.id));
};
