import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireActor } from "@/auth/session";
import { availableInstruments } from "@/checkins/instruments";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { MIN_CLIENTS, MIN_SCORES } from "@/outcomes/expected-recovery/model";
import { RefitForm } from "@/outcomes/expected-recovery/components/refit-form";
import { ValidationChart, type ValidationRow } from "@/outcomes/expected-recovery/components/validation-chart";
import { alertsByFit, firstCurves, fitHistory, latestFit } from "@/outcomes/expected-recovery/store";
import { rciParametersFor } from "@/checkins/rci";
import { rciSourceText, switchDay } from "@/outcomes/rci-source";
import { LEAD_WEEKS } from "@/outcomes/expected-recovery/validation";

export const metadata: Metadata = { title: "Expected recovery" };

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
const share = (n: number, of: number) => (of === 0 ? "—" : `${Math.round((100 * n) / of)}%`);

export default async function ExpectedRecoveryPage() {
  await connection();
  const actor = await requireActor(["admin"]);
  const db = getDb();
  const instruments = (await availableInstruments(db, actor.organisationId)).map((a) => a.instrument);
  const [fits, history, firsts, rcis] = await Promise.all([
    Promise.all(instruments.map((i) => latestFit(db, actor.organisationId, i))),
    fitHistory(db, actor.organisationId, 20),
    firstCurves(db, actor.organisationId),
    Promise.all(instruments.map((i) => rciParametersFor(db, actor.organisationId, i))),
  ]);
  const oldest = history.at(-1)?.fittedAt;
  const alerts = oldest ? await alertsByFit(db, actor.organisationId, history.map((f) => f.id), oldest) : new Map<string, number>();
  const titles = new Map(instruments.map((i) => [i.url, i.title]));
  const validated: ValidationRow[] = instruments.flatMap((instrument, i) => {
    const counts = fits[i]?.validation?.counts;
    return counts
      ? [{ title: instrument.title, endedPoorly: counts.endedPoorly, flaggedEarly: counts.endedPoorlyFlaggedEarly, endedWell: counts.endedWell, falseAlarms: counts.endedWellFlagged, medianFirstFlagWeeks: counts.medianFirstFlagWeeks }]
      : [];
  });

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Expected recovery</h1>
        <p className="max-w-3xl text-sm text-muted">
          For each check-in, Attune fits how your organisation’s clients usually progress from where they started, and flags a client as not on track when
          their latest score lies beyond the 10th–90th percentile band on the worse side. A curve needs at least {MIN_CLIENTS} clients with two or more scored
          check-ins after their baseline and {MIN_SCORES} such check-ins in all. Curves are refitted every night (those whose data changed); refit one now after a
          large import. The method is described on{" "}
          <Link href="/methods" className="text-brand-700 underline-offset-2 hover:underline">
            How the numbers are computed
          </Link>
          .
        </p>
      </header>

      <Card>
        <CardTitle className="mb-3">Curves</CardTitle>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">The latest curve of each check-in</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="px-2 py-1 font-medium">Check-in</th>
              <th scope="col" className="px-2 py-1 font-medium">Latest fit</th>
              <th scope="col" className="px-2 py-1 font-medium">Data</th>
              <th scope="col" className="px-2 py-1 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((instrument, i) => {
              const fit = fits[i];
              return (
                <tr key={instrument.canonical} className="border-b border-line align-top">
                  <td className="px-2 py-2">
                    <span className="font-medium">{instrument.title}</span>
                    <span className="text-muted"> · version {instrument.version}</span>
                  </td>
                  <td className="px-2 py-2">
                    {!fit ? (
                      <span className="text-muted">Not fitted yet</span>
                    ) : fit.fit ? (
                      <>
                        <Badge tone="ok">Curve</Badge> <span>{day(fit.fittedAt)}</span>
                        {firsts.get(`${instrument.url}|${instrument.version}`) ? (
                          <span className="block text-xs text-muted">First curve (verdicts began): {day(firsts.get(`${instrument.url}|${instrument.version}`)!)}</span>
                        ) : null}
                      </>
                    ) : (
                      <>
                        <Badge tone="neutral">No curve</Badge> <span className="text-muted">{fit.reason}</span>
                      </>
                    )}
                  </td>
                  <td className="px-2 py-2 text-muted">{fit ? `${fit.nClients} clients, ${fit.nScores} check-ins after baselines, up to ${day(fit.dataCutoff)}` : "—"}</td>
                  <td className="px-2 py-2">
                    <RefitForm canonical={instrument.canonical} title={instrument.title} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>

      <Card className="space-y-3">
        <CardTitle>Reliable change: the organisation&apos;s own values</CardTitle>
        <p className="max-w-3xl text-sm text-muted">
          The reliable change index uses the reliability and spread of your organisation&apos;s own baselines once a check-in version has {rcis[0]?.minimum ?? 30}{" "}
          usable ones; until then, the values in the check-in&apos;s file. On the day the threshold is crossed, every client&apos;s verdict is recomputed with the
          new values, so a verdict can change although the client has no new check-in.
        </p>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Where each check-in&apos;s reliable change parameters come from, and when the organisation&apos;s own values took over</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="px-2 py-1 font-medium">Check-in</th>
              <th scope="col" className="px-2 py-1 font-medium">Values in use</th>
              <th scope="col" className="px-2 py-1 font-medium">Switched to this organisation&apos;s values</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((instrument, i) => {
              const rci = rcis[i]!;
              return (
                <tr key={instrument.canonical} className="border-b border-line">
                  <td className="px-2 py-2 font-medium">
                    {instrument.title} <span className="font-normal text-muted">· version {instrument.version}</span>
                  </td>
                  <td className="px-2 py-2">
                    {rciSourceText(rci)}: r {rci.r.toFixed(2)}, SD {rci.sd.toFixed(2)}
                  </td>
                  <td className="px-2 py-2">
                    {rci.source === "organisation"
                      ? rci.switchedAt
                        ? switchDay(rci.switchedAt)
                        : "Date not yet known (refreshed within ten minutes)"
                      : rci.reason === "published_values"
                        ? "Never: the file gives published values"
                        : rci.reason === "too_few_baselines"
                          ? `Not yet: ${rci.baselines} of ${rci.minimum} baselines`
                          : "Not now: the organisation's baselines gave no usable values"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>

      <Card className="space-y-3">
        <CardTitle>Does the warning work here?</CardTitle>
        <p className="max-w-3xl text-sm text-muted">
          Each curve is checked by holding clients out by time: it is fitted again on the clients whose baseline came before the date by which 70% had started,
          then tried, check-in by check-in, on the discharged clients who started after it. A client ended poorly when their last score shows no reliable
          improvement on their baseline. A warning counts when it came at least {LEAD_WEEKS} weeks before their last check-in.
        </p>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Hold-out check per check-in</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="px-2 py-1 font-medium">Check-in</th>
              <th scope="col" className="px-2 py-1 font-medium">Held out</th>
              <th scope="col" className="px-2 py-1 font-medium">Ended poorly: warned early</th>
              <th scope="col" className="px-2 py-1 font-medium">Ended well: warned (false alarms)</th>
              <th scope="col" className="px-2 py-1 font-medium">Median week of first warning</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((instrument, i) => {
              const v = fits[i]?.validation;
              const c = v?.counts;
              return (
                <tr key={instrument.canonical} className="border-b border-line">
                  <td className="px-2 py-2 font-medium">{instrument.title}</td>
                  {c && v ? (
                    <>
                      <td className="px-2 py-2">
                        {c.tested} clients who started after {day(v.cutoff)} (curve fitted on {v.trainedOn} before)
                      </td>
                      <td className="px-2 py-2">
                        {c.endedPoorlyFlaggedEarly} of {c.endedPoorly} ({share(c.endedPoorlyFlaggedEarly, c.endedPoorly)})
                      </td>
                      <td className="px-2 py-2">
                        {c.endedWellFlagged} of {c.endedWell} ({share(c.endedWellFlagged, c.endedWell)})
                      </td>
                      <td className="px-2 py-2">{c.medianFirstFlagWeeks === null ? "—" : `week ${c.medianFirstFlagWeeks.toFixed(1)}`}</td>
                    </>
                  ) : (
                    <td colSpan={4} className="px-2 py-2 text-muted">
                      {v?.reason ? `No hold-out check: ${v.reason}` : fits[i]?.fit ? "No hold-out check with this fit." : "No curve, so nothing to check."}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
        {validated.length > 0 ? <ValidationChart rows={validated} /> : null}
      </Card>

      <Card>
        <CardTitle className="mb-3">Recent fits</CardTitle>
        <p className="mb-2 text-sm text-muted">
          Every fit is kept. Each not-on-track alert names, in its audit event (Admin → Audit log, “fitId”), the fit its verdict came from; a later refit
          does not change that. Alerts: how many were queued on each fit.
        </p>
        <ul className="divide-y divide-line text-sm">
          {history.map((f) => (
            <li key={f.id} className="py-1.5">
              <span className="font-medium">{titles.get(f.instrumentUrl) ?? f.instrumentUrl}</span> {f.instrumentVersion} · {day(f.fittedAt)} ·{" "}
              {f.trigger === "admin" ? "asked for by an administrator" : "scheduled"} · {f.fit ? `${f.nClients} clients` : "no curve"} · {f.durationMs} ms ·{" "}
              {f.fit ? `${alerts.get(f.id) ?? 0} not-on-track alert${alerts.get(f.id) === 1 ? "" : "s"} · ` : null}
              <span className="font-mono text-xs text-muted">fit {f.id.slice(0, 8)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
