import { and, asc, eq, gt, isNull, lte, ne, type SQL } from "drizzle-orm";
import { instrumentVersions } from "@/checkins/instruments";
import { rciParametersFor } from "@/checkins/rci";
import type { Db } from "@/db/client";
import { checkinAdministrations } from "@/db/schema";
import type { Instrument } from "@/instruments/fhir-schema";
import { changeFor } from "@/outcomes/verdict";
import { alertCounselor } from "./counselor-alerts";

/**
 * A reliable deterioration: the client's own check-in just recorded is reliably worse than their
 * first complete one on this check-in (the verdict the caseload shows), and the one before it was
 * not. The primary counselor is told once, for this check-in (job key
 * `deterioration:<administration>`), if they want it: initials and a sign-in link only. Run by
 * the worker's scan (below), never on the check-in's own transaction: deriving the reliable
 * change parameters can take seconds the client should not wait for.
 */
export async function alertOnDeterioration(
  db: Db,
  args: { organisationId: string; clientId: string; contactId: string | null; instrument: Instrument; administrationId: string },
): Promise<boolean> {
  if (args.contactId !== null) return false;
  const series = await db
    .select({ id: checkinAdministrations.id, total: checkinAdministrations.total, status: checkinAdministrations.status })
    .from(checkinAdministrations)
    .where(
      and(
        eq(checkinAdministrations.organisationId, args.organisationId),
        eq(checkinAdministrations.clientId, args.clientId),
        eq(checkinAdministrations.instrumentUrl, args.instrument.url),
        isNull(checkinAdministrations.contactId),
        ne(checkinAdministrations.status, "invalid"),
      ),
    )
    .orderBy(asc(checkinAdministrations.administeredAt), asc(checkinAdministrations.id));
  const baseline = series.find((a) => a.status === "complete");
  const at = series.findIndex((a) => a.id === args.administrationId);
  const latest = series[at];
  if (!baseline || !latest || latest.id === baseline.id || latest.total === null || baseline.total === null) return false;
  const params = await rciParametersFor(db, args.organisationId, args.instrument);
  const verdict = (a: { total: number | null }) => (a.total === null ? null : changeFor(args.instrument, params, Number(baseline.total), Number(a.total)).verdict);
  if (verdict(latest) !== "deteriorated") return false;
  const previous = series[at - 1];
  if (previous && previous.id !== baseline.id && verdict(previous) === "deteriorated") return false;
  const outcome = await alertCounselor(db, {
    organisationId: args.organisationId,
    clientId: args.clientId,
    alert: "deterioration",
    jobKey: `deterioration:${args.administrationId}`,
    path: `/clients/${args.clientId}`,
  });
  return outcome === "queued";
}

/** The scans' window: a client's own valid check-ins recorded in the `lookbackMs` before `now`. */
export function recentClientCheckins(now: Date, lookbackMs: number): SQL {
  return and(
    gt(checkinAdministrations.administeredAt, new Date(now.getTime() - lookbackMs)),
    lte(checkinAdministrations.administeredAt, now),
    isNull(checkinAdministrations.contactId),
    ne(checkinAdministrations.status, "invalid"),
  )!;
}

/** Check-ins recorded in the last day, each looked at once per scan; the job key stops repeats. */
export async function scanDeteriorationAlerts(db: Db, now: Date, lookbackMs = 24 * 3_600_000): Promise<{ alerted: number }> {
  const recent = await db
    .select({
      id: checkinAdministrations.id,
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
    const queued = await db.transaction((tx) =>
      alertOnDeterioration(tx, { organisationId: a.organisationId, clientId: a.clientId, contactId: null, instrument, administrationId: a.id }),
    );
    if (queued) alerted++;
  }
  return { alerted };
}
