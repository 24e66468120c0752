import { and, asc, eq, inArray, isNotNull, isNull, lte, ne } from "drizzle-orm";
import { instrumentVersions } from "@/checkins/instruments";
import type { Db } from "@/db/client";
import { checkinAdministrations, messages } from "@/db/schema";
import type { Instrument } from "@/instruments/fhir-schema";
import { trackVerdict, type CurveFit } from "@/outcomes/expected-recovery/model";
import { expectedRecoveryFor, type StoredFit } from "@/outcomes/expected-recovery/store";
import { alertCounselor } from "./counselor-alerts";
import { recentClientCheckins } from "./deterioration";

const WEEK_MS = 7 * 86_400_000;
export const notOnTrackJobKey = (administrationId: string) => `not-on-track:${administrationId}`;

/**
 * "Not on track": the client's latest scored check-in on this check-in lies beyond the expected
 * recovery band on the worse side (the verdict the Trends tab and the caseload show, against the
 * stored curve). The primary counselor is told once per episode, if they want it: initials and a
 * sign-in link only. An episode is a run of consecutive scored check-ins that are each not on
 * track; it ends with one that is on track (or has no verdict). The job key names the run's first
 * check-in, and no message goes while any check-in of the run already has one, so a refit that
 * moves where the run starts does not tell the counselor twice. The queued message's audit event
 * names the fit the verdict came from (`fitId`, `fittedAt`): a later refit leaves it as it was.
 */
export async function alertOnNotOnTrack(
  db: Db,
  args: { organisationId: string; clientId: string; instrument: Instrument; curve: Pick<StoredFit, "id" | "fittedAt"> & { fit: CurveFit }; now: Date },
): Promise<boolean> {
  const series = await db
    .select({ id: checkinAdministrations.id, total: checkinAdministrations.total, status: checkinAdministrations.status, at: checkinAdministrations.administeredAt })
    .from(checkinAdministrations)
    .where(
      and(
        eq(checkinAdministrations.organisationId, args.organisationId),
        eq(checkinAdministrations.clientId, args.clientId),
        eq(checkinAdministrations.instrumentUrl, args.instrument.url),
        isNull(checkinAdministrations.contactId),
        ne(checkinAdministrations.status, "invalid"),
        isNotNull(checkinAdministrations.total),
        lte(checkinAdministrations.administeredAt, args.now),
      ),
    )
    .orderBy(asc(checkinAdministrations.administeredAt), asc(checkinAdministrations.id));
  // The baseline: the first complete check-in of all time, as everywhere else.
  const baseline = series.find((a) => a.status === "complete");
  if (!baseline) return false;
  const fit = args.curve.fit;
  const behind = (a: (typeof series)[number]) =>
    trackVerdict(fit, args.instrument.scoring.direction, Number(baseline.total), (a.at.getTime() - baseline.at.getTime()) / WEEK_MS, Number(a.total)).status === "not_on_track";
  const run: string[] = [];
  for (let i = series.length - 1; i >= 0 && series[i]!.id !== baseline.id && behind(series[i]!); i--) run.unshift(series[i]!.id);
  if (run.length === 0) return false;
  const told = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.organisationId, args.organisationId), eq(messages.kind, "not_on_track_alert"), inArray(messages.jobKey, run.map(notOnTrackJobKey))))
    .limit(1);
  if (told.length > 0) return false;
  const outcome = await alertCounselor(db, {
    organisationId: args.organisationId,
    clientId: args.clientId,
    alert: "notOnTrack",
    jobKey: notOnTrackJobKey(run[0]!),
    path: `/clients/${args.clientId}/trends`,
    auditDetail: { fitId: args.curve.id, fittedAt: args.curve.fittedAt.toISOString() },
  });
  return outcome === "queued";
}

/**
 * Clients with a check-in recorded in the last day (client and check-in once each per scan):
 * are they newly not on track? Run by the worker's scan beside the deterioration alerts, never on
 * the check-in's own transaction. `now` is a parameter, never the wall clock.
 */
export async function scanNotOnTrackAlerts(db: Db, now: Date, lookbackMs = 24 * 3_600_000): Promise<{ alerted: number }> {
  const recent = await db
    .selectDistinct({
      organisationId: checkinAdministrations.organisationId,
      clientId: checkinAdministrations.clientId,
      url: checkinAdministrations.instrumentUrl,
      version: checkinAdministrations.instrumentVersion,
    })
    .from(checkinAdministrations)
    .where(recentClientCheckins(now, lookbackMs));
  let alerted = 0;
  for (const a of recent) {
    const instrument = (await instrumentVersions(db, a.organisationId, [{ url: a.url, version: a.version }])).get(`${a.url}|${a.version}`);
    if (!instrument) continue;
    // The stored curve, read outside the transaction (a stale one is refitted in the background on `db`).
    const stored = await expectedRecoveryFor(db, a.organisationId, instrument);
    const fit = stored?.fit;
    if (!stored || !fit) continue;
    const queued = await db.transaction((tx) => alertOnNotOnTrack(tx, { organisationId: a.organisationId, clientId: a.clientId, instrument, curve: { id: stored.id, fittedAt: stored.fittedAt, fit }, now }));
    if (queued) alerted++;
  }
  return { alerted };
}
