import { notFound } from "next/navigation";
import { requireActor } from "@/auth/session";
import { OpenAlertBadge } from "@/checkins/components/open-alert-badge";
import { ClientTabs } from "@/clients/components/client-tabs";
import { StatusBadge } from "@/clients/components/status-badge";
import { ClientName } from "@/clients/components/client-name";
import { ageOn, getClientForActor } from "@/clients/queries";
import { focusLabels } from "@/clients/schemas";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("clientPage");

const tabs = [
  { segment: "", label: t("overview") },
  { segment: "trends", label: t("trends") },
  { segment: "checkins", label: t("checkIns") },
  { segment: "exercises", label: t("exercises") },
  { segment: "notes", label: t("notes") },
  { segment: "support", label: t("supportNetwork") },
  { segment: "reports", label: t("reports") },
];

export default async function ClientLayout({ params, children }: { params: Promise<{ clientId: string }>; children: React.ReactNode }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  const age = ageOn(client.dateOfBirth);
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight"><ClientName client={client} /></h1>
            <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
              {client.pronouns ? <bdi>{client.pronouns}</bdi> : null}
              {age !== null ? <span>{t("ageYears", { age: String(age) })}</span> : null}
              <span>{t("record", { record: client.recordNumber })}</span>
              <span>{focusLabels[client.recoveryFocus]}</span>
              <span>{t.rich("primaryCounselorName", { name: client.primaryCounselorName, bdi: (chunks) => <bdi>{chunks}</bdi> })}</span>
            </p>
          </div>
          <div className="flex items-center gap-2">
            <OpenAlertBadge clientId={client.id} count={client.openAlerts} />
            <StatusBadge status={client.status} />
          </div>
        </div>
        <ClientTabs clientId={client.id} tabs={tabs} />
      </header>
      {children}
    </div>
  );
}
