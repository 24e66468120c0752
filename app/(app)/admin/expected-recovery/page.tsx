import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireActor } from "@/auth/session";
import { availableInstruments } from "@/checkins/instruments";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { MIN_CLIENTS, MIN_SCORES } from "@/outcomes/expected-recovery/model";
import { RefitForm } from "@/outcomes/expected-recovery/components/refit-form";
import { ValidationChart, type ValidationRow } from "@/outcomes/expected-recovery/components/validation-chart";
import { alertsByFit, firstCurves, fitHistory, latestFit } from "@/outcomes/expected-recovery/store";
import { rciParametersFor } from "@/checkins/rci";
import { rciSourceText, switchDay } from "@/outcomes/rci-source";
import { LEAD_WEEKS } from "@/outcomes/expected-recovery/validation";

const t = staffText("adminExpectedRecovery");

export const metadata: Metadata = { title: t("title") };

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
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-muted">
          {t.rich("intro", {
            minClients: String(MIN_CLIENTS),
            minScores: String(MIN_SCORES),
            link: (chunks) => (
              <Link href="/methods" className="text-brand-700 underline-offset-2 hover:underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </header>

      <Card>
        <CardTitle className="mb-3">{t("curvesTitle")}</CardTitle>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("curvesCaption")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="px-2 py-1 font-medium">{t("columnCheckIn")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnLatestFit")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnData")}</th>
              <th scope="col" className="px-2 py-1 font-medium"><span className="sr-only">{t("columnActions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((instrument, i) => {
              const fit = fits[i];
              return (
                <tr key={instrument.canonical} className="border-b border-line align-top">
                  <td className="px-2 py-2">
                    <span className="font-medium">{instrument.title}</span>
                    <span className="text-muted"> {t("versionLabel", { version: String(instrument.version) })}</span>
                  </td>
                  <td className="px-2 py-2">
                    {!fit ? (
                      <span className="text-muted">{t("notFitted")}</span>
                    ) : fit.fit ? (
                      <>
                        <Badge tone="ok">{t("curve")}</Badge> <span>{day(fit.fittedAt)}</span>
                        {firsts.get(`${instrument.url}|${instrument.version}`) ? (
                          <span className="block text-xs text-muted">{t("firstCurve", { day: day(firsts.get(`${instrument.url}|${instrument.version}`)!) })}</span>
                        ) : null}
                      </>
                    ) : (
                      <>
                        <Badge tone="neutral">{t("noCurve")}</Badge> <span className="text-muted">{fit.reason}</span>
                      </>
                    )}
                  </td>
                  <td className="px-2 py-2 text-muted">{fit ? t("dataSummary", { clients: String(fit.nClients), scores: String(fit.nScores), cutoff: day(fit.dataCutoff) }) : "—"}</td>
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
        <CardTitle>{t("rciTitle")}</CardTitle>
        <p className="max-w-3xl text-sm text-muted">
          {t("rciIntro", { minimum: String(rcis[0]?.minimum ?? 30) })}
        </p>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("rciCaption")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="px-2 py-1 font-medium">{t("columnCheckIn")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnValuesInUse")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnSwitched")}</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((instrument, i) => {
              const rci = rcis[i]!;
              return (
                <tr key={instrument.canonical} className="border-b border-line">
                  <td className="px-2 py-2 font-medium">
                    {instrument.title} <span className="font-normal text-muted">{t("versionLabel", { version: String(instrument.version) })}</span>
                  </td>
                  <td className="px-2 py-2">
                    {t("rciValues", { source: rciSourceText(rci), r: rci.r.toFixed(2), sd: rci.sd.toFixed(2) })}
                  </td>
                  <td className="px-2 py-2">
                    {rci.source === "organisation"
                      ? rci.switchedAt
                        ? switchDay(rci.switchedAt)
                        : t("switchDateUnknown")
                      : rci.reason === "published_values"
                        ? t("switchNeverPublished")
                        : rci.reason === "too_few_baselines"
                          ? t("switchNotYet", { baselines: String(rci.baselines), minimum: String(rci.minimum) })
                          : t("switchNotNow")}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>

      <Card className="space-y-3">
        <CardTitle>{t("validationTitle")}</CardTitle>
        <p className="max-w-3xl text-sm text-muted">
          {t("validationIntro", { leadWeeks: String(LEAD_WEEKS) })}
        </p>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("validationCaption")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="px-2 py-1 font-medium">{t("columnCheckIn")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnHeldOut")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnEndedPoorly")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnEndedWell")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("columnMedianWeek")}</th>
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
                        {t("heldOut", { tested: String(c.tested), cutoff: day(v.cutoff), trainedOn: String(v.trainedOn) })}
                      </td>
                      <td className="px-2 py-2">
                        {t("countOfTotal", { count: String(c.endedPoorlyFlaggedEarly), total: String(c.endedPoorly), share: share(c.endedPoorlyFlaggedEarly, c.endedPoorly) })}
                      </td>
                      <td className="px-2 py-2">
                        {t("countOfTotal", { count: String(c.endedWellFlagged), total: String(c.endedWell), share: share(c.endedWellFlagged, c.endedWell) })}
                      </td>
                      <td className="px-2 py-2">{c.medianFirstFlagWeeks === null ? "—" : t("week", { week: c.medianFirstFlagWeeks.toFixed(1) })}</td>
                    </>
                  ) : (
                    <td colSpan={4} className="px-2 py-2 text-muted">
                      {v?.reason ? t("noHoldOutReason", { reason: v.reason }) : fits[i]?.fit ? t("noHoldOutFit") : t("noHoldOutCurve")}
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
        <CardTitle className="mb-3">{t("recentFitsTitle")}</CardTitle>
        <p className="mb-2 text-sm text-muted">
          {t("recentFitsIntro")}
        </p>
        <ul className="divide-y divide-line text-sm">
          {history.map((f) => (
            <li key={f.id} className="py-1.5">
              {t.rich("fitLine", {
                title: titles.get(f.instrumentUrl) ?? f.instrumentUrl,
                version: String(f.instrumentVersion),
                day: day(f.fittedAt),
                trigger: f.trigger === "admin" ? "admin" : "scheduled",
                fit: f.fit ? "yes" : "no",
                clients: String(f.nClients),
                ms: String(f.durationMs),
                alerts: alerts.get(f.id) ?? 0,
                id: f.id.slice(0, 8),
                name: (chunks) => <span className="font-medium">{chunks}</span>,
                fitId: (chunks) => <span className="font-mono text-xs text-muted">{chunks}</span>,
              })}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
