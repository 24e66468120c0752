import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf, type Db } from "@/db/client";
import type { Answers, Instrument } from "@/instruments/fhir-schema";
import { deriveRciParameters, type RciParameters } from "@/instruments/reliability";

export type { RciParameters };

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; value: RciParameters }>();

/**
 * Each person's first complete check-in on this exact version: their baseline. One per client
 * (and one per family member for family check-ins), so frequent responders do not weigh more.
 * Read with one probe of the trend index per client (and per family member), not by sorting
 * every check-in of the organisation: on the large data set that sort read ~650,000 rows and
 * ran into the statement timeout on a busy machine.
 */
export async function baselineAnswers(db: Db, organisationId: string, instrument: Instrument): Promise<Answers[]> {
  const oldest = (person: SQL) => sql`(
    select a.answers from checkin_administrations a
    where a.organisation_id = ${organisationId} and ${person} and a.instrument_url = ${instrument.url}
      and a.instrument_version = ${instrument.version} and a.status = 'complete'
    order by a.administered_at asc limit 1)`;
  const result = await db.execute(sql`
    select b.answers from clients c
    cross join lateral ${oldest(sql`a.client_id = c.id and a.contact_id is null`)} b
    where c.organisation_id = ${organisationId}
    union all
    select f.answers from support_contacts sc
    cross join lateral ${oldest(sql`a.client_id = sc.client_id and a.contact_id = sc.id`)} f
    where sc.organisation_id = ${organisationId}`);
  return rowsOf<{ answers: Answers }>(result).map((r) => r.answers);
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
