import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { DischargeForm, ReadmitForm } from "@/clients/components/status-forms";
import { formatDate } from "@/clients/display";
import { getClientForActor } from "@/clients/queries";
import { focusLabels, statusLabels } from "@/clients/schemas";
import { buttonClass } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { todayIn } from "@/lib/zod-fields";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("clientPage");

export const metadata: Metadata = { title: t("client") };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-2 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className="text-ink">{children}</dd>
    </div>
  );
}

export default async function ClientOverviewPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const { created, saved } = await searchParams;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "overview" } });
  const today = todayIn(client.timeZone);
  return (
    <div className="space-y-6">
      {created || saved ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-bg px-3 py-2 text-sm text-ok">
          {created ? t("clientCreated") : t("changesSaved")}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <div className="mb-2 flex items-center justify-between">
            <CardTitle>{t("details")}</CardTitle>
            {client.status !== "discharged" ? (
              <Link href={`/clients/${client.id}/edit`} className={buttonClass("secondary", "sm")}>
                {t("editDetails")}
              </Link>
            ) : null}
          </div>
          <dl className="divide-y divide-line">
            <Row label={t("fullName")}>{client.name}</Row>
            <Row label={t("preferredName")}>{client.preferredName ?? "—"}</Row>
            <Row label={t("pronouns")}>{client.pronouns ?? "—"}</Row>
            <Row label={t("dateOfBirth")}>{formatDate(client.dateOfBirth)}</Row>
            <Row label={t("recordNumber")}>{client.recordNumber}</Row>
            <Row label={t("recoveryFocus")}>{focusLabels[client.recoveryFocus]}</Row>
            <Row label={t("status")}>{statusLabels[client.status]}</Row>
            <Row label={t("startDate")}>{formatDate(client.startDate)}</Row>
            <Row label={t("timeZone")}>{client.timeZone.replaceAll("_", " ")}</Row>
            <Row label={t("tags")}>{client.tags.length ? client.tags.join(", ") : "—"}</Row>
            {client.status === "discharged" ? (
              <>
                <Row label={t("dischargedOn")}>{formatDate(client.dischargedOn)}</Row>
                <Row label={t("dischargeReason")}>{client.dischargeReason}</Row>
              </>
            ) : null}
          </dl>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardTitle className="mb-2">{t("careTeam")}</CardTitle>
            <ul className="space-y-1 text-sm">
              <li>
                <bdi>{client.primaryCounselorName}</bdi> <span className="text-muted">{t("primaryCounselor")}</span>
              </li>
              {client.careTeam.map((m) => (
                <li key={m.id}><bdi>{m.name}</bdi></li>
              ))}
            </ul>
          </Card>
          <Card>
            <CardTitle className="mb-3">{t("episodeOfCare")}</CardTitle>
            {client.status === "discharged" ? (
              <ReadmitForm clientId={client.id} version={client.version} today={today} />
            ) : (
              <div className="space-y-3">
                <p className="text-sm text-muted">{t("dischargingKeepsTheWholeRecord")}</p>
                <DischargeForm clientId={client.id} version={client.version} today={today} />
              </div>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
