import "server-only";
import { sql } from "drizzle-orm";
import { availableInstruments } from "@/checkins/instruments";
import { rowsOf, type Db } from "@/db/client";
import { organisations } from "@/db/schema";
import type { Instrument } from "@/instruments/fhir-schema";
import { latestFit, refitExpectedRecovery } from "./store";

/**
 * A curve whose data has not changed is still refitted this often: a check-in entered late with
 * an earlier date is not seen by the "anything new?" test below.
 */
export const REFIT_AT_LEAST_EVERY_MS = 7 * 86_400_000;

/**
 * Whether anything a fit reads changed after `since`: a check-in of this version administered
 * later, or a client of the organisation changed (a discharge moves them into the hold-out check).
 */
async function changedSince(db: Db, organisationId: string, instrument: Pick<Instrument, "url" | "version">, since: Date): Promise<boolean> {
  const at = since.toISOString();
  const [row] = rowsOf<{ changed: boolean }>(
    await db.execute(sql`select
      exists(select 1 from checkin_administrations a where a.organisation_id = ${organisationId} and a.instrument_url = ${instrument.url}
        and a.instrument_version = ${instrument.version} and a.administered_at > ${at}::timestamptz)
      or exists(select 1 from clients c where c.organisation_id = ${organisationId} and c.updated_at > ${at}::timestamptz) as changed`),
  );
  return row?.changed === true;
}

export interface RefitRun {
  /** Curves fitted anew (a new row each, with or without a curve). */
  refitted: number;
  /** Curves left as they were: nothing they read changed since their latest fit. */
  unchanged: number;
  /** `org|url|version: error` of each curve that could not be fitted. */
  failed: string[];
}

/**
 * The nightly refit (the worker's expected-recovery-refit job): every check-in each organisation
 * can use now, fitted again on its data, as the administrator's "Refit now" does. A curve whose
 * latest fit already saw all its data (nothing changed since, and younger than a week) is left
 * alone, so a second run the same night writes nothing. One curve failing does not stop the
 * others. `now` is a parameter, never the wall clock.
 */
export async function refitAllCurves(db: Db, now: Date): Promise<RefitRun> {
  const run: RefitRun = { refitted: 0, unchanged: 0, failed: [] };
  for (const org of await db.select({ id: organisations.id }).from(organisations).orderBy(organisations.id)) {
    for (const { instrument } of await availableInstruments(db, org.id)) {
      try {
        const latest = await latestFit(db, org.id, instrument);
        if (latest && now.getTime() - latest.fittedAt.getTime() < REFIT_AT_LEAST_EVERY_MS && !(await changedSince(db, org.id, instrument, latest.fittedAt))) {
          run.unchanged++;
          continue;
        }
        await refitExpectedRecovery(db, org.id, instrument, "scheduled", now);
        run.refitted++;
      } catch (error) {
        run.failed.push(`${org.id}|${instrument.url}|${instrument.version}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return run;
}
