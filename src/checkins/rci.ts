import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { checkinAdministrations } from "@/db/schema";
import type { Answers, Instrument } from "@/instruments/fhir-schema";
import { deriveRciParameters, type RciParameters } from "@/instruments/reliability";

export type { RciParameters };

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; value: RciParameters }>();

/**
 * Each person's first complete check-in on this exact version: their baseline. One per client
 * (and one per family member for family check-ins), so frequent responders do not weigh more.
 */
export async function baselineAnswers(db: Db, organisationId: string, instrument: Instrument): Promise<Answers[]> {
  const rows = await db
    .selectDistinctOn([checkinAdministrations.clientId, checkinAdministrations.contactId], { answers: checkinAdministrations.answers })
    .from(checkinAdministrations)
    .where(
      and(
        eq(checkinAdministrations.organisationId, organisationId),
        eq(checkinAdministrations.instrumentUrl, instrument.url),
        eq(checkinAdministrations.instrumentVersion, instrument.version),
        eq(checkinAdministrations.status, "complete"),
      ),
    )
    .orderBy(checkinAdministrations.clientId, checkinAdministrations.contactId, asc(checkinAdministrations.administeredAt));
  return rows.map((r) => r.answers as Answers);
}

/**
 * The reliability and spread for the reliable change index of this instrument in this
 * organisation, and where they came from (`source`, `reason`, `citation`): the organisation's
 * own complete baselines once there are enough and the file asks for them, else the file's
 * values. Kept for ten minutes per organisation and version: baselines change slowly, and
 * reading them all on every trend page would cost more than the page.
 */
export async function rciParametersFor(organisationId: string, instrument: Instrument, db: Db = getDb(), now = Date.now()): Promise<RciParameters> {
  const key = `${organisationId}|${instrument.canonical}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value =
    instrument.scoring.rci.source === "published"
      ? deriveRciParameters(instrument, [])
      : deriveRciParameters(instrument, await baselineAnswers(db, organisationId, instrument));
  if (cache.size > 1000) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

/** Forgets cached values (tests, or after a bulk import of check-ins). */
export function clearRciCache(): void {
  cache.clear();
}
