import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { AcknowledgeForm } from "@/checkins/components/acknowledge-form";
import { AttuneNotice } from "@/checkins/components/attune-notice";
import { BandBadge, formatScore, StatusBadge } from "@/checkins/components/score-parts";
import { formatWhen } from "@/checkins/format";
import { openAdministration } from "@/checkins/queries";
import { getClientForActor } from "@/clients/queries";
import { Card, CardTitle } from "@/components/ui/card";
import { languageName } from "@/i18n/names";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

export const metadata: Metadata = { title: t("checkIn") };

export default async function AdministrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ clientId: string; administrationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId, administrationId } = await params;
  const saved = (await searchParams).saved === "1";
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  const a = await openAdministration(getDb(), actor, client.id, administrationId);
  if (!a) notFound();
  await auditView(getDb(), actor, { action: "checkin.read", entityType: "checkin_administration", entityId: a.id, clientId: client.id });
  const instrument = a.instrument;
  const groups = new Map((instrument?.items ?? []).filter((i) => i.type === "group").map((g) => [g.linkId, g.text]));
  const questions = a.items.filter((i) => i.type !== "group" && i.type !== "display");
  const max = instrument?.scoring.total.max;
  const subscales = instrument?.scoring.subscales ?? [];

  return (
    <div className="space-y-5">
      <Link href={`/clients/${client.id}/checkins`} className="text-sm text-muted hover:text-ink">
        {t("backToCheckIns")}
      </Link>
      {saved ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-bg px-3 py-2 text-sm text-ok">
          {t("savedAndScored")}
        </p>
      ) : null}
      {a.alerts.map((alert) => (
        <section key={alert.id} aria-label={t("criticalAnswer")} className={alert.acknowledgedAt ? "rounded-lg border border-line bg-white p-4" : "rounded-lg border-2 border-danger/40 bg-danger-bg p-4"}>
          <p className={alert.acknowledgedAt ? "font-semibold" : "font-semibold text-danger"}>{alert.acknowledgedAt ? t("criticalAnswerAcknowledged") : t("criticalAnswerOpen")}</p>
          <p className="mt-1">{alert.message}</p>
          {alert.acknowledgedAt ? (
            <p className="mt-2 text-sm text-muted">
              {alert.acknowledgedBy} · {formatWhen(alert.acknowledgedAt, client.timeZone)}: “{alert.note}”
            </p>
          ) : (
            <div className="mt-3 max-w-xl">
              <AcknowledgeForm clientId={client.id} alertId={alert.id} />
            </div>
          )}
        </section>
      ))}
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <CardTitle>{instrument?.title ?? a.url}</CardTitle>
            <p className="text-sm text-muted">
              {t.rich("administeredLine", {
                by: a.byName,
                how: a.mode === "portal" ? t("throughThePortal") : a.administeredByName ? t("inSessionWith", { name: a.administeredByName }) : t("inSession"),
                when: formatWhen(a.administeredAt, client.timeZone),
                version: String(a.version),
                bdi: (chunks) => <bdi>{chunks}</bdi>,
                time: (chunks) => <time dateTime={a.administeredAt}>{chunks}</time>,
              })}
              {a.instrument && a.language !== a.instrument.language ? t("shownInLanguage", { language: languageName(a.language) }) : ""}
            </p>
          </div>
          <div className="text-right">
            <p className="text-sm text-muted">{t("total")}</p>
            <p className="flex items-baseline justify-end gap-2">
              <span className="text-3xl font-semibold tabular-nums">{a.total === null ? "—" : formatScore(a.total)}</span>
              {max !== undefined ? <span className="text-muted">{t("ofMax", { max: formatScore(max) })}</span> : null}
            </p>
            <p className="mt-1 flex flex-wrap justify-end gap-1.5">
              <BandBadge band={a.bandLabel ? { label: a.bandLabel, severity: a.bandSeverity ?? 0 } : null} />
              <StatusBadge status={a.status} answered={a.answered} expected={a.expected} />
            </p>
          </div>
        </div>
        {a.status !== "complete" ? (
          <p className="mt-3 text-sm text-muted">
            {a.status === "prorated"
              ? t("proratedExplained", { answered: String(a.answered), expected: String(a.expected) })
              : t("invalidExplained", { answered: String(a.answered), expected: String(a.expected) })}
          </p>
        ) : null}
        {subscales.length ? (
          <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            {subscales.map((s) => (
              <div key={s.id} className="flex gap-1.5">
                <dt className="text-muted">{s.label}</dt>
                <dd className="font-medium tabular-nums">
                  {t("scoreOfMax", { score: a.subscales[s.id] === null || a.subscales[s.id] === undefined ? "—" : formatScore(a.subscales[s.id]!), max: formatScore(s.range.max) })}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        <AttuneNotice notice={a.notice} className="mt-4" />
        <p className="mt-3 text-xs text-muted">
          {a.verified ? t("scoreVerified") : t("scoreNotVerified")}
        </p>
      </Card>
      <Card>
        <CardTitle className="mb-3">{t("answers")}</CardTitle>
        <div className="-mx-5 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm">
            <thead>
              <tr className="border-b border-line text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="px-5 py-2 font-medium">{t("question")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("answer")}</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">{t("weight")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {questions.map((q, i) => {
                const group = q.parentLinkId ? groups.get(q.parentLinkId) : null;
                const previous = questions[i - 1];
                const newGroup = group && previous?.parentLinkId !== q.parentLinkId;
                return [
                  newGroup ? (
                    <tr key={`${q.linkId}-group`}>
                      <th scope="colgroup" colSpan={3} className="bg-canvas px-5 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-muted">
                        {group}
                      </th>
                    </tr>
                  ) : null,
                  <tr key={q.linkId} className="align-top">
                    <td className="px-5 py-2.5">
                      <span className="mr-1 text-muted">{i + 1}.</span>
                      {q.text}
                      {q.shownText && q.shownText !== q.text ? (
                        <span className="mt-0.5 block text-muted" lang={a.language}>
                          <span className="sr-only">{t("asShown")}</span>
                          <bdi>{q.shownText}</bdi>
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2.5">
                      {q.answer !== null ? (
                        <>
                          {q.answer}
                          {q.shownAnswer && q.shownAnswer !== q.answer ? (
                            <span className="mt-0.5 block text-muted" lang={a.language}>
                              <bdi>{q.shownAnswer}</bdi>
                            </span>
                          ) : null}
                        </>
                      ) : <span className="text-muted">{q.asked ? t("notAnswered") : t("notAsked")}</span>}
                    </td>
                    <td className="whitespace-nowrap px-5 py-2.5 text-right tabular-nums">
                      {q.weight !== null ? (
                        <>
                          {formatScore(q.weight)}
                          {q.range ? <span className="text-muted"> / {formatScore(q.range.max)}</span> : null}
                        </>
                      ) : (
                        <span className="text-muted">{q.scored ? "—" : t("notScored")}</span>
                      )}
                    </td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
