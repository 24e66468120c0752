import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, rowsOf, type Db } from "@/db/client";
import { expectedRecoveryFits } from "@/db/schema";
import { rciParametersFor } from "@/checkins/rci";
import type { Instrument } from "@/instruments/fhir-schema";
import { changeFor } from "../verdict";
import { fitExpectedRecovery, HORIZON_WEEKS, type ClientSummary, type CurveFit } from "./model";
import { validate, type HeldOutClient, type ValidationCounts } from "./validation";

export interface StoredFit {
  id: string;
  instrumentUrl: string;
  instrumentVersion: string;
  fittedAt: Date;
  dataCutoff: Date;
  /** null when there was too little data; `reason` says why. */
  fit: CurveFit | null;
  reason: string | null;
  nClients: number;
  nScores: number;
  durationMs: number;
  trigger: "scheduled" | "admin";
  validation: StoredValidation | null;
}

export interface StoredValidation {
  /** Clients whose baseline came before this instant trained the curve; later ones tested it. */
  cutoff: string;
  trainedOn: number;
  /** Why there is no hold-out check, when there is none. */
  reason: string | null;
  counts: ValidationCounts | null;
}

/** The share of the instrument's clients (by baseline date) that train the hold-out curve. */
export const TRAIN_SHARE = 0.7;
/** At most this many held-out clients are read (a random but fixed selection). */
export const MAX_TESTED = 3000;

type InstrumentKey = Pick<Instrument, "url" | "version">;

/**
 * Every client's scores on this instrument version after their baseline, summarised per client
 * in the database (count, Σt, Σt², Σy, Σty, Σy² with t = ln(weeks + 1)), so the fit reads one row
 * per client rather than every check-in. The baseline is the client's first complete check-in on
 * this version; the scores after it are the complete and prorated ones within the horizon. Only
 * the client's own check-ins (not a family member's). `startedBefore` keeps only the clients
 * whose baseline came before that instant (the validation's hold-out by time).
 */
export async function clientSummaries(db: Db, organisationId: string, instrument: InstrumentKey, options: { startedBefore?: Date } = {}): Promise<{ summaries: ClientSummary[]; cutoff: Date | null }> {
  const same = sql`a.organisation_id = ${organisationId} and a.instrument_url = ${instrument.url} and a.instrument_version = ${instrument.version} and a.contact_id is null`;
  const started = options.startedBefore ? sql`and f.at < ${options.startedBefore.toISOString()}::timestamptz` : sql``;
  const result = await db.execute(sql`
    with firsts as (
      select distinct on (a.client_id) a.client_id, a.administered_at as at, a.total::float8 as baseline
      from checkin_administrations a where ${same} and a.status = 'complete'
      order by a.client_id, a.administered_at),
    later as (
      select f.client_id, f.baseline, a.administered_at as at, a.total::float8 as y,
        ln(extract(epoch from (a.administered_at - f.at)) / 604800.0 + 1) as t
      from firsts f join checkin_administrations a on ${same} and a.client_id = f.client_id
      where a.status <> 'invalid' and a.administered_at > f.at and a.administered_at <= f.at + make_interval(weeks => ${HORIZON_WEEKS}) ${started})
    select baseline, count(*)::int as n, sum(t)::float8 as st, sum(t * t)::float8 as stt, sum(y)::float8 as sy, sum(t * y)::float8 as sty,
      sum(y * y)::float8 as syy, (extract(epoch from max(at)) * 1000)::float8 as last_ms
    from later group by client_id, baseline`);
  const rows = rowsOf<{ baseline: number; n: number; st: number; stt: number; sy: number; sty: number; syy: number; last_ms: number }>(result);
  let last = 0;
  const summaries = rows.map((r) => {
    last = Math.max(last, Number(r.last_ms));
    return { baseline: Number(r.baseline), n: Number(r.n), st: Number(r.st), stt: Number(r.stt), sy: Number(r.sy), sty: Number(r.sty), syy: Number(r.syy) };
  });
  return { summaries, cutoff: last > 0 ? new Date(last) : null };
}

function toStored(row: typeof expectedRecoveryFits.$inferSelect): StoredFit {
  return {
    id: row.id,
    instrumentUrl: row.instrumentUrl,
    instrumentVersion: row.instrumentVersion,
    fittedAt: row.fittedAt,
    dataCutoff: row.dataCutoff,
    fit: (row.parameters as CurveFit | null) ?? null,
    reason: row.reason,
    nClients: row.nClients,
    nScores: row.nScores,
    durationMs: row.durationMs,
    trigger: row.trigger,
    validation: (row.validation as StoredValidation | null) ?? null,
  };
}

/**
 * Fits the expected recovery curve of one instrument version on the organisation's data and
 * stores the fit (or the reason there is none) as a new row. Called by the administrator's
 * "Refit now", by the background refresh below, and later by the job queue. Takes seconds on a
 * large organisation: never call it while a page waits, except for that explicit action.
 */
export async function refitExpectedRecovery(db: Db, organisationId: string, instrument: Instrument, trigger: StoredFit["trigger"] = "scheduled", now = new Date()): Promise<StoredFit> {
  const started = performance.now();
  const { summaries, cutoff } = await clientSummaries(db, organisationId, instrument);
  const outcome = fitExpectedRecovery(summaries);
  const validation = outcome.ok ? await holdOut(db, organisationId, instrument) : null;
  const [row] = await db
    .insert(expectedRecoveryFits)
    .values({
      organisationId,
      instrumentUrl: instrument.url,
      instrumentVersion: instrument.version,
      fittedAt: now,
      dataCutoff: cutoff ?? now,
      parameters: outcome.ok ? outcome.fit : null,
      reason: outcome.ok ? null : outcome.reason,
      nClients: outcome.ok ? outcome.fit.nClients : outcome.nClients,
      nScores: outcome.ok ? outcome.fit.nScores : outcome.nScores,
      durationMs: Math.round(performance.now() - started),
      trigger,
      validation,
    })
    .returning();
  // Not kept in memory here: the caller's transaction may still roll back. The next read loads it.
  cache.delete(keyOf(organisationId, instrument));
  return toStored(row!);
}

/**
 * The hold-out check: fit on the clients who started before the cut-off (the date by which 70%
 * of the instrument's clients had their baseline), then try the curve on the discharged clients
 * who started after it, check-in by check-in, as a counselor would have seen it.
 */
async function holdOut(db: Db, organisationId: string, instrument: Instrument): Promise<StoredValidation> {
  const same = sql`a.organisation_id = ${organisationId} and a.instrument_url = ${instrument.url} and a.instrument_version = ${instrument.version} and a.contact_id is null`;
  const firsts = sql`select distinct on (a.client_id) a.client_id, a.administered_at as at, a.total::float8 as baseline
      from checkin_administrations a where ${same} and a.status = 'complete' order by a.client_id, a.administered_at`;
  const [cut] = rowsOf<{ ms: number | null }>(
    await db.execute(sql`select (extract(epoch from percentile_disc(${TRAIN_SHARE}::float8) within group (order by f.at)) * 1000)::float8 as ms from (${firsts}) f`),
  );
  if (cut?.ms === null || cut?.ms === undefined) return { cutoff: new Date(0).toISOString(), trainedOn: 0, reason: "No baselines yet.", counts: null };
  const cutoff = new Date(Number(cut.ms));
  const training = fitExpectedRecovery((await clientSummaries(db, organisationId, instrument, { startedBefore: cutoff })).summaries);
  if (!training.ok) return { cutoff: cutoff.toISOString(), trainedOn: training.nClients, reason: training.reason, counts: null };
  const tested = rowsOf<{ baseline: number; weeks: number[]; scores: number[] }>(
    await db.execute(sql`
      select f.baseline,
        array_agg(extract(epoch from (a.administered_at - f.at))::float8 / 604800.0 order by a.administered_at) as weeks,
        array_agg(a.total::float8 order by a.administered_at) as scores
      from (${firsts}) f
      join clients c on c.organisation_id = ${organisationId} and c.id = f.client_id and c.status = 'discharged'
      join checkin_administrations a on ${same} and a.client_id = f.client_id and a.status <> 'invalid'
        and a.administered_at > f.at and a.administered_at <= f.at + make_interval(weeks => ${HORIZON_WEEKS})
      where f.at >= ${cutoff.toISOString()}::timestamptz
      group by f.client_id, f.baseline
      order by md5(f.client_id::text) limit ${MAX_TESTED}`),
  );
  const clients: HeldOutClient[] = tested.map((r) => ({ baseline: Number(r.baseline), followUps: r.weeks.map((w, i) => ({ weeks: Number(w), score: Number(r.scores[i]) })) }));
  const params = await rciParametersFor(organisationId, instrument, db);
  const counts = validate(training.fit, instrument.scoring.direction, clients, (pre, post) => changeFor(instrument, params, pre, post).verdict);
  return { cutoff: cutoff.toISOString(), trainedOn: training.fit.nClients, reason: null, counts };
}

/** The latest stored fit of this instrument version, or null when it was never fitted. */
export async function latestFit(db: Db, organisationId: string, instrument: InstrumentKey): Promise<StoredFit | null> {
  const [row] = await db
    .select()
    .from(expectedRecoveryFits)
    .where(and(eq(expectedRecoveryFits.organisationId, organisationId), eq(expectedRecoveryFits.instrumentUrl, instrument.url), eq(expectedRecoveryFits.instrumentVersion, instrument.version)))
    .orderBy(desc(expectedRecoveryFits.fittedAt))
    .limit(1);
  return row ? toStored(row) : null;
}

/** Past fits of every instrument of the organisation, newest first (the administrator's history). */
export async function fitHistory(db: Db, organisationId: string, limit = 50): Promise<StoredFit[]> {
  const rows = await db.select().from(expectedRecoveryFits).where(eq(expectedRecoveryFits.organisationId, organisationId)).orderBy(desc(expectedRecoveryFits.fittedAt)).limit(limit);
  return rows.map(toStored);
}

/** A curve older than this is refitted in the background on its next use. */
export const REFIT_AFTER_MS = 24 * 60 * 60_000;
type Entry = { at: number; value: StoredFit | null };
const cache = new Map<string, Entry>();
const inFlight = new Map<string, Promise<StoredFit>>();
const keyOf = (organisationId: string, instrument: InstrumentKey) => `${organisationId}|${instrument.url}|${instrument.version}`;

function remember(key: string, entry: Entry) {
  if (cache.size > 1000) cache.clear();
  cache.set(key, entry);
}

function refreshInBackground(key: string, db: Db, organisationId: string, instrument: Instrument) {
  if (inFlight.has(key)) return;
  const work = refitExpectedRecovery(db, organisationId, instrument, "scheduled").finally(() => inFlight.delete(key));
  work.then((stored) => remember(key, { at: stored.fittedAt.getTime(), value: stored }), () => undefined);
  inFlight.set(key, work);
  work.catch((error: unknown) => {
    console.error(`Could not refit the expected recovery curve of ${key}: ${String(error)}`);
    // Try again in an hour, not on every request meanwhile.
    const known = cache.get(key);
    remember(key, { at: Date.now() - REFIT_AFTER_MS + 3_600_000, value: known?.value ?? null });
  });
}

/**
 * The curve a page uses for this instrument version: the latest stored fit, read once and kept
 * in memory. A page never waits for a fit: when there is none yet, or it is older than a day,
 * this answers with what is stored (possibly nothing) and starts one background refit, as the
 * reliable change parameters do (src/checkins/rci.ts). Pass `refresh: false` to only read.
 */
export async function expectedRecoveryFor(organisationId: string, instrument: Instrument, db: Db = getDb(), options: { refresh?: boolean; now?: number } = {}): Promise<StoredFit | null> {
  const key = keyOf(organisationId, instrument);
  const now = options.now ?? Date.now();
  let entry = cache.get(key);
  if (!entry) {
    const stored = await latestFit(db, organisationId, instrument);
    entry = { at: stored?.fittedAt.getTime() ?? 0, value: stored };
    remember(key, entry);
  }
  if (options.refresh !== false && now - entry.at >= REFIT_AFTER_MS) refreshInBackground(key, db, organisationId, instrument);
  return entry.value;
}

/** Forgets the fits kept in memory (tests); a fit under way finishes first. */
export async function clearExpectedRecoveryCache(): Promise<void> {
  await Promise.allSettled([...inFlight.values()]);
  cache.clear();
}
