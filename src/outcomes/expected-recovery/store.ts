import "server-only";
import { and, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { auditEvents, expectedRecoveryFits } from "@/db/schema";
import { rciParametersFor } from "@/checkins/rci";
import type { Instrument } from "@/instruments/fhir-schema";
import { changeFor } from "../verdict";
import { fitExpectedRecovery, HORIZON_WEEKS, type ClientSummary, type CurveFit } from "./model";
import { validate, type HeldOutClient, type ValidationCounts } from "./validation";
import { staffText } from "@/i18n/staff";

const ov = staffText("outcomeValidation");

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

/** At most this many of the organisation's clients feed one fit (a fixed pseudo-random selection). */
export const MAX_FIT_CLIENTS = 5000;

export interface SampledClient {
  clientId: string;
  /** When the baseline was taken (ms since the epoch). */
  baselineAt: number;
  summary: ClientSummary;
}

/**
 * Every sampled client's scores on this instrument version after their baseline, summarised per
 * client in the database (count, Σt, Σt², Σy, Σty, Σy² with t = ln(weeks + 1)), so the fit reads
 * one row per client rather than every check-in. The baseline is the client's first complete
 * check-in on this version; the scores after it are the complete and prorated ones within the
 * horizon. Only the client's own check-ins (not a family member's).
 *
 * Each client is read with two probes of the trend index. An organisation with more than
 * MAX_FIT_CLIENTS clients is sampled: the clients first in md5(id) order, the same sample at
 * every refit. On 20,000 clients and 1.46 million check-ins, reading all of them took about 9 s
 * on PostgreSQL here; the 5,000-client sample about 1.7 s.
 */
export async function sampledClients(db: Db, organisationId: string, instrument: InstrumentKey): Promise<{ clients: SampledClient[]; cutoff: Date | null }> {
  const same = sql`a.organisation_id = ${organisationId} and a.client_id = c.id and a.instrument_url = ${instrument.url} and a.instrument_version = ${instrument.version} and a.contact_id is null`;
  const result = await db.execute(sql`
    select c.id as client_id, (extract(epoch from f.at) * 1000)::float8 as baseline_ms, f.baseline, s.n, s.st, s.stt, s.sy, s.sty, s.syy, s.last_ms
    from (select c.id from clients c where c.organisation_id = ${organisationId} order by md5(c.id::text) limit ${MAX_FIT_CLIENTS}) c
    cross join lateral (select a.administered_at as at, a.total::float8 as baseline from checkin_administrations a
      where ${same} and a.status = 'complete' order by a.administered_at asc limit 1) f
    cross join lateral (select count(*)::int as n, sum(l.t)::float8 as st, sum(l.t * l.t)::float8 as stt, sum(l.y)::float8 as sy, sum(l.t * l.y)::float8 as sty,
        sum(l.y * l.y)::float8 as syy, (extract(epoch from max(l.at)) * 1000)::float8 as last_ms
      from (select a.administered_at as at, a.total::float8 as y, ln(extract(epoch from (a.administered_at - f.at)) / 604800.0 + 1) as t
        from checkin_administrations a
        where ${same} and a.status <> 'invalid' and a.administered_at > f.at and a.administered_at <= f.at + make_interval(weeks => ${HORIZON_WEEKS})) l) s
    where s.n > 0`);
  const rows = rowsOf<{ client_id: string; baseline_ms: number; baseline: number; n: number; st: number; stt: number; sy: number; sty: number; syy: number; last_ms: number }>(result);
  let last = 0;
  const clients = rows.map((r) => {
    last = Math.max(last, Number(r.last_ms));
    return {
      clientId: r.client_id,
      baselineAt: Number(r.baseline_ms),
      summary: { baseline: Number(r.baseline), n: Number(r.n), st: Number(r.st), stt: Number(r.stt), sy: Number(r.sy), sty: Number(r.sty), syy: Number(r.syy) },
    };
  });
  return { clients, cutoff: last > 0 ? new Date(last) : null };
}

/** The per-client summaries alone (see sampledClients). */
export async function clientSummaries(db: Db, organisationId: string, instrument: InstrumentKey): Promise<{ summaries: ClientSummary[]; cutoff: Date | null }> {
  const { clients, cutoff } = await sampledClients(db, organisationId, instrument);
  return { summaries: clients.map((c) => c.summary), cutoff };
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
 * stores the fit (or the reason there is none) as a new row. Called by the nightly job
 * (scheduled-refit.ts), by the administrator's "Refit now", and by the background refresh below
 * when the job has not run. Takes seconds on a
 * large organisation: never call it while a page waits, except for that explicit action.
 */
export async function refitExpectedRecovery(db: Db, organisationId: string, instrument: Instrument, trigger: StoredFit["trigger"] = "scheduled", now = new Date()): Promise<StoredFit> {
  const started = performance.now();
  const { clients, cutoff } = await sampledClients(db, organisationId, instrument);
  const outcome = fitExpectedRecovery(clients.map((c) => c.summary));
  const validation = outcome.ok ? await holdOut(db, organisationId, instrument, clients) : null;
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
 * The hold-out check: fit on the sampled clients whose baseline came before the cut-off (the
 * moment by which 70% of them had their baseline), then try the curve on the discharged clients
 * who started after it, check-in by check-in, as a counselor would have seen it.
 */
async function holdOut(db: Db, organisationId: string, instrument: Instrument, sampled: readonly SampledClient[]): Promise<StoredValidation> {
  const times = sampled.map((c) => c.baselineAt).sort((a, b) => a - b);
  const at = times[Math.min(times.length - 1, Math.ceil(TRAIN_SHARE * times.length) - 1)];
  if (at === undefined) return { cutoff: new Date(0).toISOString(), trainedOn: 0, reason: ov("noBaselines"), counts: null };
  const cutoff = new Date(at);
  const training = fitExpectedRecovery(sampled.filter((c) => c.baselineAt < at).map((c) => c.summary));
  if (!training.ok) return { cutoff: cutoff.toISOString(), trainedOn: training.nClients, reason: training.reason, counts: null };
  const later = sampled.filter((c) => c.baselineAt >= at).slice(0, MAX_TESTED);
  if (later.length === 0) return { cutoff: cutoff.toISOString(), trainedOn: training.fit.nClients, reason: ov("noClientsAfterCutoff"), counts: null };
  const ids = sql.join(later.map((c) => sql`${c.clientId}::uuid`), sql`, `);
  const tested = rowsOf<{ client_id: string; weeks: number[]; scores: number[] }>(
    await db.execute(sql`
      select c.id as client_id, t.weeks, t.scores
      from clients c
      cross join lateral (select a.administered_at as at from checkin_administrations a
        where a.organisation_id = ${organisationId} and a.client_id = c.id and a.instrument_url = ${instrument.url} and a.instrument_version = ${instrument.version}
          and a.contact_id is null and a.status = 'complete' order by a.administered_at asc limit 1) f
      cross join lateral (select array_agg(extract(epoch from (a.administered_at - f.at))::float8 / 604800.0 order by a.administered_at) as weeks,
          array_agg(a.total::float8 order by a.administered_at) as scores
        from checkin_administrations a
        where a.organisation_id = ${organisationId} and a.client_id = c.id and a.instrument_url = ${instrument.url} and a.instrument_version = ${instrument.version}
          and a.contact_id is null and a.status <> 'invalid' and a.administered_at > f.at and a.administered_at <= f.at + make_interval(weeks => ${HORIZON_WEEKS})) t
      where c.organisation_id = ${organisationId} and c.status = 'discharged' and c.id in (${ids}) and t.weeks is not null`),
  );
  const baselines = new Map(later.map((c) => [c.clientId, c.summary.baseline]));
  const clients: HeldOutClient[] = tested.map((r) => ({ baseline: baselines.get(r.client_id)!, followUps: r.weeks.map((w, i) => ({ weeks: Number(w), score: Number(r.scores[i]) })) }));
  const params = await rciParametersFor(db, organisationId, instrument);
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

/**
 * How many not-on-track alerts each of these fits produced: the alerts' queue events name the fit
 * their verdict came from (src/messaging/not-on-track.ts). Reads the events since `since` (the
 * oldest of these fits' times: none can be older), along the audit log's action index.
 */
export async function alertsByFit(db: Db, organisationId: string, fitIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (fitIds.length === 0) return new Map();
  const fitId = sql<string>`${auditEvents.detail}->>'fitId'`;
  const rows = await db
    .select({ fitId, n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.action, "message.queue"), gte(auditEvents.occurredAt, since), inArray(fitId, [...fitIds])))
    .groupBy(fitId);
  return new Map(rows.map((r) => [r.fitId, Number(r.n)]));
}

/**
 * When each instrument version first had a curve (its earliest stored fit with one): the day its
 * verdicts began. Keyed by `url|version`.
 */
export async function firstCurves(db: Db, organisationId: string): Promise<Map<string, Date>> {
  const rows = await db
    .select({ url: expectedRecoveryFits.instrumentUrl, version: expectedRecoveryFits.instrumentVersion, first: sql<string>`min(${expectedRecoveryFits.fittedAt})` })
    .from(expectedRecoveryFits)
    .where(and(eq(expectedRecoveryFits.organisationId, organisationId), isNotNull(expectedRecoveryFits.parameters)))
    .groupBy(expectedRecoveryFits.instrumentUrl, expectedRecoveryFits.instrumentVersion);
  return new Map(rows.map((r) => [`${r.url}|${r.version}`, new Date(r.first)]));
}

/**
 * The scheduled job (scheduled-refit.ts) refits every curve each night. A curve older than this
 * means the job has not run (no worker, or it failed): a page then starts one background refit.
 * Longer than the schedule's day, so that pages do not race the job at its hour.
 */
export const REFIT_AFTER_MS = 36 * 60 * 60_000;
/** A fit kept in memory is read again from the database after this long (another instance may have refitted). */
export const RELOAD_AFTER_MS = 60 * 60_000;
type Entry = { readAt: number; value: StoredFit | null; failed?: boolean };
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
  work.then((stored) => remember(key, { readAt: Date.now(), value: stored }), () => undefined);
  inFlight.set(key, work);
  work.catch((error: unknown) => {
    console.error(`Could not refit the expected recovery curve of ${key}: ${String(error)}`);
    // Not again on every request: the entry is read again (and the refit tried again) in an hour.
    remember(key, { readAt: Date.now(), value: cache.get(key)?.value ?? null, failed: true });
  });
}

/**
 * The curve a page uses for this instrument version: the latest stored fit, read from the database
 * at most once an hour per process. A page never waits for a fit: when there is none yet, or the
 * latest is older than REFIT_AFTER_MS (the nightly job did not run), this answers with what is
 * stored (possibly nothing) and starts one background refit, as the reliable change parameters do
 * (src/checkins/rci.ts). Pass `refresh: false` to only read.
 */
export async function expectedRecoveryFor(db: Db, organisationId: string, instrument: Instrument, options: { refresh?: boolean; now?: number } = {}): Promise<StoredFit | null> {
  const key = keyOf(organisationId, instrument);
  const now = options.now ?? Date.now();
  let entry = cache.get(key);
  if (!entry || now - entry.readAt >= RELOAD_AFTER_MS) {
    entry = { readAt: now, value: await latestFit(db, organisationId, instrument) };
    remember(key, entry);
  }
  const age = entry.value ? now - entry.value.fittedAt.getTime() : Infinity;
  if (options.refresh !== false && !entry.failed && age >= REFIT_AFTER_MS) refreshInBackground(key, db, organisationId, instrument);
  return entry.value;
}

/** Forgets the fits kept in memory (tests); a fit under way finishes first. */
export async function clearExpectedRecoveryCache(): Promise<void> {
  await Promise.allSettled([...inFlight.values()]);
  cache.clear();
}
