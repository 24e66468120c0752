import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { AttuneNotice } from "@/checkins/components/attune-notice";
import { HistoryTable } from "@/checkins/components/history-table";
import { OpenAlerts } from "@/checkins/components/open-alerts";
import { ScheduleForm } from "@/checkins/components/schedule-form";
import { ScheduleList } from "@/checkins/components/schedule-list";
import { BandBadge, ChangeText, formatScore } from "@/checkins/components/score-parts";
import { respondentLabels } from "@/checkins/catalog";
import { formatWhen } from "@/checkins/format";
import { instrumentChoices, listHistory, listOpenAlerts, listSchedules } from "@/checkins/queries";
import { getClientForActor } from "@/clients/queries";
import { buttonClass } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { todayIn } from "@/lib/zod-fields";
import { listSupportNetwork } from "@/support-network/queries";
import { relationshipLabels } from "@/support-network/schemas";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

export const metadata: Metadata = { title: t("checkIns") };

const searchSchema = z.object({ instrument: z.string().max(300).optional().catch(undefined) });

export default async function CheckinsTab({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const filter = searchSchema.parse(await searchParams);
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "checkins" } });
  const [alerts, history, schedules, choices, network] = await Promise.all([
    listOpenAlerts(getDb(), actor, client.id),
    listHistory(getDb(), actor, client.id, { url: filter.instrument || undefined }),
    listSchedules(getDb(), actor, client.id, client.timeZone),
    instrumentChoices(getDb(), actor),
    listSupportNetwork(getDb(), actor, client.id, client.timeZone),
  ]);
  const clientName = client.preferredName ?? client.name;
  const contacts = network.map((c) => ({ id: c.id, label: `${c.name} (${relationshipLabels[c.relationship]})` }));
  const newHref = (url: string, respondent = "client") => `/clients/${client.id}/checkins/new?${new URLSearchParams({ instrument: url, respondent })}`;
  const latest = [...new Map([...history].reverse().map((h) => [`${h.url}|${h.contactId ?? ""}`, h])).values()];
  const anyAttune = history.some((h) => h.notice) || choices.some((c) => c.origin === "bundled");

  return (
    <div className="space-y-6">
      <OpenAlerts clientId={client.id} alerts={alerts} timeZone={client.timeZone} />

      {latest.length > 0 && !filter.instrument ? (
        <section aria-labelledby="latest" className="space-y-2">
          <h2 id="latest" className="text-sm font-semibold uppercase tracking-wide text-muted">
            {t("latest")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {latest.map((h) => (
              <li key={h.id} className="rounded-lg border border-line bg-white p-4">
                <p className="text-sm font-medium">{h.title}</p>
                {h.byName !== "Client" ? <p className="text-xs text-muted"><bdi>{h.byName}</bdi></p> : null}
                <p className="mt-2 flex items-baseline gap-2">
                  <span className="text-2xl font-semibold tabular-nums">{h.total === null ? "—" : formatScore(h.total)}</span>
                  {h.max !== null ? <span className="text-sm text-muted">{t("ofMax", { max: formatScore(h.max) })}</span> : null}
                  <BandBadge band={h.band} />
                </p>
                <p className="mt-1 text-xs text-muted">
                  {formatWhen(h.administeredAt, client.timeZone, false)} · <ChangeText change={h.change} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[2fr_3fr]">
        <Card>
          <CardTitle className="mb-1">{t("takeACheckInNow")}</CardTitle>
          <p className="mb-3 text-sm text-muted">{t("inSessionHint")}</p>
          <ul className="divide-y divide-line">
            {choices.map((c) => (
              <li key={c.url} className="flex items-center justify-between gap-3 py-2.5">
                <div className="min-w-0">
                  <p className="font-medium">{c.title}</p>
                  <p className="text-xs text-muted">
                    {respondentLabels[c.respondent]}
                    {c.origin === "bundled" ? t("bundledInstrument") : t("importedInstrument")}
                  </p>
                </div>
                {c.respondent === "family" ? (
                  contacts.length ? (
                    <span className="flex shrink-0 flex-col items-end gap-1.5">
                      {contacts.map((p) => (
                        <Link key={p.id} href={newHref(c.url, p.id)} className={buttonClass("secondary", "sm")}>
                          {t("withContact", { name: p.label.split(" (")[0] ?? "" })}
                        </Link>
                      ))}
                    </span>
                  ) : (
                    <span className="text-xs text-muted">{t("addSomeoneToTheSupport")}</span>
                  )
                ) : (
                  // One string for the name: a hidden span beside "Start" was read as "Start : …".
                  <Link href={newHref(c.url)} aria-label={t("startTitle", { title: c.title })} className={`${buttonClass("secondary", "sm")} shrink-0`}>
                    {t("start")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardTitle className="mb-1">{t("sentToThePortal")}</CardTitle>
          <p className="mb-3 text-sm text-muted">{t("sentToPortalHint")}</p>
          <ScheduleList clientId={client.id} schedules={schedules} />
          <div className="mt-4">
            <ScheduleForm clientId={client.id} clientName={clientName} today={todayIn(client.timeZone)} instruments={choices} contacts={contacts} />
          </div>
        </Card>
      </div>

      <Card>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <CardTitle>{t("history")}</CardTitle>
          <form className="flex items-end gap-2" role="search" aria-label={t("filterTheHistory")}>
            <label className="text-sm">
              <span className="block font-medium">{t("show")}</span>
              <select name="instrument" defaultValue={filter.instrument ?? ""} className="mt-1 rounded-md border border-line bg-white px-2 py-1.5 text-sm">
                <option value="">{t("allCheckIns")}</option>
                {choices.map((c) => (
                  <option key={c.url} value={c.url}>
                    {c.title}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary", "sm")}>
              {t("apply")}
            </button>
          </form>
        </div>
        {anyAttune ? (
          <AttuneNotice
            className="mb-3"
            notice={t("attuneNotice")}
          />
        ) : null}
        <HistoryTable clientId={client.id} rows={history} timeZone={client.timeZone} />
      </Card>
    </div>
  );
}
