import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { rciParameterCache } from "@/db/schema";
import type { Answers, Instrument } from "@/instruments/fhir-schema";
import { deriveRciParameters, type RciParameters } from "@/instruments/reliability";

export type { RciParameters };

/**
 * Each person's first complete check-in on this exact version: their baseline. One per client
 * (and one per family member for family check-ins), so frequent responders do not weigh more.
 * Read with one probe of the trend index per client (and per family member), not by sorting
 * every check-in of the organisation: on the large data set that sort read ~650,000 rows and
 * ran into the statement timeout on a busy machine.
 */
export async function baselineAnswers(db: Db, organisationId: string, instrument: Instrument): Promise<{ answers: Answers; at: string }[]> {
  const oldest = (person: SQL) => sql`(
    select a.answers, to_char(a.administered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from checkin_administrations a
    where a.organisation_id = ${organisationId} and ${person} and a.instrument_url = ${instrument.url}
      and a.instrument_version = ${instrument.version} and a.status = 'complete'
    order by a.administered_at asc limit 1)`;
  const result = await db.execute(sql`
    select b.answers, b.at from clients c
    cross join lateral ${oldest(sql`a.client_id = c.id and a.contact_id is null`)} b
    where c.organisation_id = ${organisationId}
    union all
    select f.answers, f.at from support_contacts sc
    cross join lateral ${oldest(sql`a.client_id = sc.client_id and a.contact_id = sc.id`)} f
    where sc.organisation_id = ${organisationId}`);
  return rowsOf<{ answers: Answers; at: string }>(result);
}

const TTL_MS = 10 * 60_000;
type Entry = { at: number; value: RciParameters };
const cache = new Map<string, Entry>();
const inFlight = new Map<string, Promise<Entry>>();

async function derive(db: Db, organisationId: string, instrument: Instrument): Promise<RciParameters> {
  if (instrument.scoring.rci.source === "published") return deriveRciParameters(instrument, []);
  const rows = await baselineAnswers(db, organisationId, instrument);
  return deriveRciParameters(
    instrument,
    rows.map((r) => r.answers),
    undefined,
    rows.map((r) => r.at),
  );
}

/** Derives the parameters and keeps them, in memory and in rci_parameter_cache; one at a time per key. */
function refresh(key: string, db: Db, organisationId: string, instrument: Instrument, now: number): Promise<Entry> {
  const running = inFlight.get(key);
  if (running) return running;
  const work = (async () => {
    const value = await derive(db, organisationId, instrument);
    const entry = { at: now, value };
    // Kept in memory first: values that took seconds to derive are not lost to a failed write.
    remember(key, entry);
    try {
      await db
        .insert(rciParameterCache)
        .values({ organisationId, instrumentCanonical: instrument.canonical, parameters: value, computedAt: new Date(now) })
        .onConflictDoUpdate({
          target: [rciParameterCache.organisationId, rciParameterCache.instrumentCanonical],
          set: { parameters: value, computedAt: new Date(now) },
          // Never replace newer values with older ones (two servers refreshing at once).
          setWhere: sql`${rciParameterCache.computedAt} < ${new Date(now).toISOString()}::timestamptz`,
        });
    } catch (error) {
      console.error(`Could not store the reliable change parameters of ${instrument.canonical}: ${String(error)}`);
    }
    return entry;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, work);
  return work;
}

function remember(key: string, entry: Entry) {
  if (cache.size > 1000) cache.clear();
  cache.set(key, entry);
}

function isParameters(value: unknown): value is RciParameters {
  const v = value as RciParameters | null;
  return typeof v === "object" && v !== null && Number.isFinite(v.r) && Number.isFinite(v.sd) && typeof v.source === "string" && typeof v.citation === "string";
}

/**
 * The reliability and spread for the reliable change index of this instrument in this
 * organisation, and where they came from (`source`, `reason`, `citation`): the organisation's
 * own complete baselines once there are enough and the file asks for them, else the file's
 * values.
 *
 * Deriving them reads and scores every client's baseline (seconds on a large organisation), so a
 * page never waits for it once it has been done: values are kept in memory and in the
 * rci_parameter_cache table (a restarted server reads them in one query), and values older than
 * ten minutes are served while a single background refresh replaces them. Baselines change
 * slowly; ten minutes' lag does not change a verdict in practice. Only the very first request for
 * an organisation and instrument version waits for the derivation.
 */
export async function rciParametersFor(db: Db, organisationId: string, instrument: Instrument, now = Date.now()): Promise<RciParameters> {
  if (instrument.scoring.rci.source === "published") return deriveRciParameters(instrument, []);
  const key = `${organisationId}|${instrument.canonical}`;
  let entry = cache.get(key);
  if (!entry) {
    const [stored] = await db
      .select({ parameters: rciParameterCache.parameters, computedAt: rciParameterCache.computedAt })
      .from(rciParameterCache)
      .where(and(eq(rciParameterCache.organisationId, organisationId), eq(rciParameterCache.instrumentCanonical, instrument.canonical)));
    if (stored && isParameters(stored.parameters)) {
      entry = { at: stored.computedAt.getTime(), value: stored.parameters };
      remember(key, entry);
    }
  }
  if (!entry) return (await refresh(key, db, organisationId, instrument, now)).value;
  if (now - entry.at >= TTL_MS && !inFlight.has(key)) {
    const stale = entry;
    refresh(key, db, organisationId, instrument, now).catch((error: unknown) => {
      console.error(`Could not refresh the reliable change parameters of ${instrument.canonical}: ${String(error)}`);
      // Try again in a minute, not on every request meanwhile.
      remember(key, { at: now - TTL_MS + 60_000, value: stale.value });
    });
  }
  return entry.value;
}

/**
 * Forgets the kept parameters: this process's memory and, given a database, the stored rows too
 * (tests, or after a bulk import of check-ins), so the next request derives them afresh.
 */
export async function clearRciCache(db?: Db): Promise<void> {
  // A derivation under way finishes first, so it cannot bring back what is being cleared.
  await Promise.allSettled([...inFlight.values()]);
  cache.clear();
  if (db) await db.delete(rciParameterCache).where(sql`true`);
}
