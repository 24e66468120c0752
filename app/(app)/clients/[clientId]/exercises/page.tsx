import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignForm } from "@/assignments/components/assign-form";
import { AssignmentControls } from "@/assignments/components/assignment-controls";
import { describeCadence } from "@/assignments/format";
import { listAssignments, listEntries } from "@/assignments/queries";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { formatDate } from "@/clients/display";
import { getClientForActor } from "@/clients/queries";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listLibrary } from "@/exercises/library";
import { todayIn } from "@/lib/zod-fields";
import { PortalLinks } from "@/portal/components/portal-links";
import { listLiveLinks } from "@/portal/links";
import { listSupportNetwork } from "@/support-network/queries";
import { relationshipLabels } from "@/support-network/schemas";

export const metadata: Metadata = { title: "Exercises" };

const statusTone = { active: "ok", paused: "warn", ended: "neutral" } as const;

export default async function ExercisesTab({ params }: { params: Promise<{ clientId: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(actor, clientId);
  if (!client) notFound();
  await auditView(actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "exercises" } });
  const [assignmentList, entries, library, network, links] = await Promise.all([
    listAssignments(actor, client.id, client.timeZone),
    listEntries(actor, client.id),
    listLibrary(getDb(), actor.organisationId),
    listSupportNetwork(actor, client.id, client.timeZone),
    listLiveLinks(getDb(), actor, client.id),
  ]);
  const holders = [
    { value: "client", label: client.preferredName ?? client.name, allowed: true },
    ...network.map((c) => ({ value: c.id, label: `${c.name} (${relationshipLabels[c.relationship]})`, allowed: c.currentScope !== "nothing" })),
  ];
  return (
    <div className="space-y-6">
      <Card>
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <CardTitle>Assignments</CardTitle>
        </div>
        <AssignForm
          clientId={client.id}
          today={todayIn(client.timeZone)}
          exercises={library.map((e) => ({ id: e.id, title: e.title, audience: e.audience, minutes: e.minutes }))}
          contacts={network.map((c) => ({ id: c.id, name: c.name, relationship: relationshipLabels[c.relationship] }))}
        />
        {assignmentList.length === 0 ? (
          <p className="mt-4 text-sm text-muted">Nothing is assigned yet.</p>
        ) : (
          <ul className="mt-4 divide-y divide-line">
            {assignmentList.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    {a.exerciseTitle} <span className="font-normal text-muted">· {a.assignee}</span>
                  </p>
                  <p className="text-sm text-muted">
                    {describeCadence(a.cadence)} from {formatDate(a.startDate)}
                    {a.endDate ? ` to ${formatDate(a.endDate)}` : ""}
                  </p>
                  <p className="text-sm">
                    Adherence: <strong>{a.adherence.done + a.adherence.late}</strong> of {a.adherence.due} done
                    {a.adherence.rate !== null ? ` (${Math.round(a.adherence.rate * 100)}%)` : ""}
                    {a.adherence.late ? `, ${a.adherence.late} late` : ""}
                    {a.missedInARow >= 3 ? <span className="ml-2 text-danger">· {a.missedInARow} missed in a row</span> : null}
                  </p>
                  {a.instructions ? <p className="mt-1 text-sm text-muted">“{a.instructions}”</p> : null}
                </div>
                <div className="flex flex-col items-end gap-2">
                  <Badge tone={statusTone[a.status]}>{a.status === "active" ? (a.dueToday ? "Active · due today" : "Active") : a.status === "paused" ? "Paused" : "Ended"}</Badge>
                  <AssignmentControls clientId={client.id} assignmentId={a.id} version={a.version} status={a.status} title={a.exerciseTitle} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card>
          <CardTitle className="mb-3">Entries</CardTitle>
          {entries.length === 0 ? (
            <p className="text-sm text-muted">No entries yet.</p>
          ) : (
            <ul className="divide-y divide-line">
              {entries.map((e) => (
                <li key={e.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <Link href={`/clients/${client.id}/exercises/entries/${e.id}`} className="font-medium text-brand-700 hover:underline">
                    {e.exerciseTitle}
                  </Link>
                  <span className="flex items-center gap-2 text-muted">
                    {e.byName !== "Client" ? <bdi>{e.byName}</bdi> : null}
                    {e.intensityBefore !== null && e.intensityAfter !== null ? (
                      <span title="Feeling before and after">
                        {e.intensityBefore} → {e.intensityAfter}
                      </span>
                    ) : null}
                    {e.readAt ? null : <Badge tone="brand">New</Badge>}
                    {e.comments ? <span>{e.comments} comment{e.comments > 1 ? "s" : ""}</span> : null}
                    <time dateTime={e.submittedAt}>{formatDate(e.submittedAt)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardTitle className="mb-1">Private links</CardTitle>
          <p className="mb-3 text-sm text-muted">The client (or a consenting family member) opens their exercises through a private link. Links expire after 30 days.</p>
          <PortalLinks
            clientId={client.id}
            holders={holders}
            links={links.map((l) => ({
              id: l.id,
              holder: l.contactName ?? `${client.preferredName ?? client.name} (client)`,
              holderValue: l.contactId ?? "client",
              createdAt: new Date(l.createdAt).toISOString(),
              expiresAt: new Date(l.expiresAt).toISOString(),
              lastUsedAt: l.lastUsedAt ? new Date(l.lastUsedAt).toISOString() : null,
            }))}
          />
        </Card>
      </div>
    </div>
  );
}
