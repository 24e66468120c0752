import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignForm } from "@/assignments/components/assign-form";
import { AssignmentControls } from "@/assignments/components/assignment-controls";
import { describeCadence } from "@/scheduling/labels";
import { listAssignments, listEntriesPage } from "@/assignments/queries";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { formatDate } from "@/clients/display";
import { getClientForActor } from "@/clients/queries";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listLibrary } from "@/exercises/library";
import { recipientSettings } from "@/messaging/client-messages";
import { ClientMessaging } from "@/messaging/components/client-messaging";
import { messageSettingsOf } from "@/messaging/org-settings";
import { listClientMessages } from "@/messaging/queries";
import { todayIn } from "@/lib/zod-fields";
import { z } from "zod";
import { PortalLinks } from "@/portal/components/portal-links";
import { listLiveLinks } from "@/portal/links";
import { listSupportNetwork } from "@/support-network/queries";
import { relationshipLabels } from "@/support-network/schemas";
import { formatRate, NOTHING_DUE } from "@/outcomes/adherence-text";
import { staffText } from "@/i18n/staff";

const t = staffText("exercises");

export const metadata: Metadata = { title: t("exercises") };

const statusTone = { active: "ok", paused: "warn", ended: "neutral" } as const;

/** The entries' page lives in the URL (?page=2), so a reload or a shared link keeps it. */
const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export default async function ExercisesTab({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const requestedPage = pageSchema.parse((await searchParams).page);
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "exercises" } });
  const [assignmentList, entriesPage, library, network, links, mailSettings, clientMessages, orgMail] = await Promise.all([
    listAssignments(getDb(), actor, client.id, client.timeZone),
    listEntriesPage(getDb(), actor, client.id, requestedPage),
    listLibrary(getDb(), actor.organisationId),
    listSupportNetwork(getDb(), actor, client.id, client.timeZone),
    listLiveLinks(getDb(), actor, client.id),
    recipientSettings(getDb(), actor.organisationId, client.id, null),
    listClientMessages(getDb(), actor, client.id),
    messageSettingsOf(getDb(), actor.organisationId),
  ]);
  const { entries, page, pageCount, total } = entriesPage;
  const pageHref = (n: number) => (n === 1 ? `/clients/${client.id}/exercises#entries` : `/clients/${client.id}/exercises?page=${n}#entries`);
  const holders = [
    { value: "client", label: client.preferredName ?? client.name, allowed: true },
    ...network.map((c) => ({ value: c.id, label: `${c.name} (${relationshipLabels[c.relationship]})`, allowed: c.currentScope !== "nothing" })),
  ];
  return (
    <div className="space-y-6">
      <Card>
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <CardTitle>{t("assignments")}</CardTitle>
        </div>
        <AssignForm
          clientId={client.id}
          today={todayIn(client.timeZone)}
          exercises={library.map((e) => ({ id: e.id, title: e.title, audience: e.audience, minutes: e.minutes }))}
          contacts={network.map((c) => ({ id: c.id, name: c.name, relationship: relationshipLabels[c.relationship] }))}
        />
        {assignmentList.length === 0 ? (
          <p className="mt-4 text-sm text-muted">{t("nothingIsAssignedYet")}</p>
        ) : (
          <ul className="mt-4 divide-y divide-line">
            {assignmentList.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    {a.exerciseTitle} <span className="font-normal text-muted">· {a.assignee}</span>
                  </p>
                  <p className="text-sm text-muted">
                    {t("cadenceFrom", { cadence: describeCadence(a.cadence), start: formatDate(a.startDate), hasEnd: a.endDate ? "yes" : "no", end: a.endDate ? formatDate(a.endDate) : "" })}
                  </p>
                  <p className="text-sm">
                    {t("adherence")}{" "}
                    {a.adherence.due === 0 ? (
                      <>
                        — <span className="text-muted">{NOTHING_DUE}</span>
                      </>
                    ) : (
                      <>
                        {t.rich("doneOfDue", { done: String(a.adherence.done + a.adherence.late), due: String(a.adherence.due), rate: formatRate(a.adherence.rate), strong: (chunks) => <strong>{chunks}</strong> })}
                      </>
                    )}
                    {a.adherence.late ? t("lateSuffix", { late: String(a.adherence.late) }) : ""}
                    {a.missedInARow >= 3 ? <span className="ml-2 text-danger">{t("missedInARow", { count: String(a.missedInARow) })}</span> : null}
                  </p>
                  {a.instructions ? <p className="mt-1 text-sm text-muted">“{a.instructions}”</p> : null}
                </div>
                <div className="flex flex-col items-end gap-2">
                  <Badge tone={statusTone[a.status]}>{a.status === "active" ? (a.dueToday ? t("activeDueToday") : t("active")) : a.status === "paused" ? t("paused") : t("ended")}</Badge>
                  <AssignmentControls clientId={client.id} assignmentId={a.id} version={a.version} status={a.status} title={a.exerciseTitle} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card>
          <CardTitle id="entries" className="mb-3 scroll-mt-4">
            {t("entries")}
          </CardTitle>
          {entries.length === 0 ? (
            <p className="text-sm text-muted">{t("noEntriesYet")}</p>
          ) : (
            <>
              <ul className="divide-y divide-line">
                {entries.map((e) => (
                  <li key={e.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                    <Link href={`/clients/${client.id}/exercises/entries/${e.id}`} aria-label={`${e.exerciseTitle}, ${formatDate(e.submittedAt)}`} className="font-medium text-brand-700 hover:underline">
                      {e.exerciseTitle}
                    </Link>
                    <span className="flex items-center gap-2 text-muted">
                      {e.byName !== "Client" ? <bdi>{e.byName}</bdi> : null}
                      {e.intensityBefore !== null && e.intensityAfter !== null ? (
                        <span title={t("feelingBeforeAndAfter")}>
                          {e.intensityBefore} → {e.intensityAfter}
                        </span>
                      ) : null}
                      {e.readAt ? null : <Badge tone="brand">{t("new")}</Badge>}
                      {e.comments ? <span>{t("commentCount", { count: e.comments })}</span> : null}
                      <time dateTime={e.submittedAt}>{formatDate(e.submittedAt)}</time>
                    </span>
                  </li>
                ))}
              </ul>
              {pageCount > 1 ? (
                <nav aria-label={t("entryPages")} className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-line pt-3 text-sm">
                  <p className="text-muted tabular-nums">
                    {t("pageOfEntries", { page: String(page), pageCount: String(pageCount), total: String(total) })}
                  </p>
                  <div className="flex gap-2">
                    {page > 1 ? (
                      <Link href={pageHref(page - 1)} className={buttonClass("secondary", "sm")}>
                        {t("newerEntries")}
                      </Link>
                    ) : null}
                    {page < pageCount ? (
                      <Link href={pageHref(page + 1)} className={buttonClass("secondary", "sm")}>
                        {t("olderEntries")}
                      </Link>
                    ) : null}
                  </div>
                </nav>
              ) : null}
            </>
          )}
        </Card>
        <Card>
          <CardTitle className="mb-1">{t("privateLinks")}</CardTitle>
          <p className="mb-3 text-sm text-muted">{t("privateLinksHint")}</p>
          <PortalLinks
            clientId={client.id}
            holders={holders}
            links={links.map((l) => ({
              id: l.id,
              holder: l.contactName ?? t("holderClient", { name: client.preferredName ?? client.name }),
              holderValue: l.contactId ?? "client",
              createdAt: new Date(l.createdAt).toISOString(),
              expiresAt: new Date(l.expiresAt).toISOString(),
              lastUsedAt: l.lastUsedAt ? new Date(l.lastUsedAt).toISOString() : null,
            }))}
          />
        </Card>
      </div>
      <Card>
        <CardTitle className="mb-1">{t("messages")}</CardTitle>
        <p className="mb-3 text-sm text-muted">
          {t("messagesHint")}
        </p>
        <ClientMessaging
          clientId={client.id}
          email={mailSettings?.email ?? null}
          timeZone={mailSettings?.timeZone ?? client.timeZone}
          preferredHour={mailSettings?.preferredHour ?? orgMail.reminderHour}
          consent={mailSettings?.consent ? { ...mailSettings.consent, recordedAt: mailSettings.consent.recordedAt.toISOString() } : null}
          messages={clientMessages}
        />
      </Card>
    </div>
  );
}
