import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { loadBundledInstruments } from "@/content/instruments";
import type { Db } from "@/db/client";
import { importedInstruments, users } from "@/db/schema";
import { attuneNotice, respondentOf } from "./catalog";
import { previewQuestionnaire } from "./import-preview";
import { inCatalogueOrder } from "./instruments";
import { isUuid } from "@/lib/ids";

/** The organisation's imported questionnaires, every version, for its administrators. */
export async function listImported(db: Db, actor: Actor) {
  return db
    .select({
      id: importedInstruments.id,
      url: importedInstruments.url,
      version: importedInstruments.version,
      title: importedInstruments.title,
      status: importedInstruments.status,
      createdAt: importedInstruments.createdAt,
      publishedAt: importedInstruments.publishedAt,
      createdBy: users.name,
    })
    .from(importedInstruments)
    .innerJoin(users, eq(users.id, importedInstruments.createdBy))
    .where(eq(importedInstruments.organisationId, actor.organisationId))
    .orderBy(asc(importedInstruments.title), asc(importedInstruments.url), desc(importedInstruments.createdAt));
}

export async function listBundled() {
  return inCatalogueOrder(await loadBundledInstruments()).map((i) => ({
    url: i.url,
    version: i.version,
    title: i.title,
    respondent: respondentOf(i),
    items: i.items.filter((x) => x.scored).length,
    range: i.scoring.total,
    notice: attuneNotice(i),
  }));
}

/** One imported version with what Attune understood of it. Null when not this organisation's. */
export async function openImported(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(importedInstruments)
    .where(and(eq(importedInstruments.id, id), eq(importedInstruments.organisationId, actor.organisationId)));
  if (!row) return null;
  const preview = previewQuestionnaire(`${row.title} ${row.version}`, row.questionnaire);
  return {
    id: row.id,
    url: row.url,
    version: row.version,
    title: row.title,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
    copyright: preview.copyright,
    preview,
  };
}
