import "server-only";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { loadBundledInstruments } from "@/content/instruments";
import type { Db } from "@/db/client";
import { importedInstruments } from "@/db/schema";
import { type Instrument } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";
import { respondentOf, type Respondent } from "./catalog";

export interface AvailableInstrument {
  instrument: Instrument;
  origin: "bundled" | "imported";
  respondent: Respondent;
}

type ImportedRow = { id: string; url: string; version: string; title: string; questionnaire: unknown; status: "draft" | "published" | "retired" };

// Published and retired versions never change, so their parse is kept; drafts are parsed afresh.
const parsed = new Map<string, Instrument>();

export function parseImported(row: ImportedRow): Instrument {
  const cached = row.status === "draft" ? undefined : parsed.get(row.id);
  if (cached) return cached;
  const instrument = parseQuestionnaire(`imported questionnaire "${row.title}" ${row.version}`, row.questionnaire);
  if (row.status !== "draft") {
    if (parsed.size > 500) parsed.clear();
    parsed.set(row.id, instrument);
  }
  return instrument;
}

const importedColumns = {
  id: importedInstruments.id,
  url: importedInstruments.url,
  version: importedInstruments.version,
  title: importedInstruments.title,
  questionnaire: importedInstruments.questionnaire,
  status: importedInstruments.status,
};

// The order counselors meet them in: the client's weekly pair, the counselor's rating, the family's.
const BUNDLED_ORDER = ["numbness", "empathy-connection", "detachment-profile", "family-wellbeing"];
const rank = (i: Instrument) => {
  const at = BUNDLED_ORDER.findIndex((code) => i.code.some((c) => c.code === code));
  return at === -1 ? BUNDLED_ORDER.length : at;
};

export function inCatalogueOrder<T extends Instrument>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
}

function latestBundled(all: readonly Instrument[]): Instrument[] {
  const byUrl = new Map<string, Instrument>();
  for (const i of all) {
    const seen = byUrl.get(i.url);
    if (!seen || i.version.localeCompare(seen.version, undefined, { numeric: true }) > 0) byUrl.set(i.url, i);
  }
  return inCatalogueOrder([...byUrl.values()]);
}

/** What a counselor can use now: the bundled check-ins and the organisation's published imports. */
export async function availableInstruments(db: Db, organisationId: string): Promise<AvailableInstrument[]> {
  const [bundled, rows] = await Promise.all([
    loadBundledInstruments(),
    db
      .select(importedColumns)
      .from(importedInstruments)
      .where(and(eq(importedInstruments.organisationId, organisationId), eq(importedInstruments.status, "published")))
      .orderBy(importedInstruments.title, desc(importedInstruments.publishedAt)),
  ]);
  const imported = new Map<string, Instrument>();
  for (const row of rows) if (!imported.has(row.url)) imported.set(row.url, parseImported(row));
  return [
    ...latestBundled(bundled).map((instrument) => ({ instrument, origin: "bundled" as const, respondent: respondentOf(instrument) })),
    ...[...imported.values()].map((instrument) => ({ instrument, origin: "imported" as const, respondent: respondentOf(instrument) })),
  ];
}

/** The version in use now for a url (the bundled file, or the published import), or null. */
export async function currentInstrument(db: Db, organisationId: string, url: string): Promise<AvailableInstrument | null> {
  return (await availableInstruments(db, organisationId)).find((a) => a.instrument.url === url) ?? null;
}

/**
 * The exact versions that scored stored check-ins, whatever their status now (a retired
 * version still explains its old scores). Keyed by `url|version`.
 */
export async function instrumentVersions(db: Db, organisationId: string, pairs: readonly { url: string; version: string }[]): Promise<Map<string, Instrument>> {
  const out = new Map<string, Instrument>();
  const bundled = await loadBundledInstruments();
  for (const i of bundled) out.set(i.canonical, i);
  const wanted = [...new Map(pairs.map((p) => [`${p.url}|${p.version}`, p])).values()].filter((p) => !out.has(`${p.url}|${p.version}`));
  if (wanted.length === 0) return out;
  const rows = await db
    .select(importedColumns)
    .from(importedInstruments)
    .where(
      and(
        eq(importedInstruments.organisationId, organisationId),
        inArray(importedInstruments.url, [...new Set(wanted.map((p) => p.url))]),
        or(...wanted.map((p) => and(eq(importedInstruments.url, p.url), eq(importedInstruments.version, p.version)))),
      ),
    );
  for (const row of rows) out.set(`${row.url}|${row.version}`, parseImported(row));
  return out;
}
