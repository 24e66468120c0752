import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { clientSummary } from "@/reports/client-summary";
import { ClientSummaryView } from "@/reports/components/client-summary-view";
import { PrintButton } from "@/reports/components/print-button";
import { parsePeriod } from "@/reports/period";
import { progressReportData } from "@/reports/progress-data";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("reports");

export const metadata: Metadata = { title: t("summaryForTheClient") };

export default async function SummaryPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  const period = parsePeriod(await searchParams, client.timeZone) ?? parsePeriod({}, client.timeZone)!;
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "reports", page: "client_summary", from: period.from, to: period.to } });
  // Printed for the client, so in the client's language (the counselor's page around it stays English).
  const summary = clientSummary(await progressReportData(getDb(), actor, client, period, { includeNotes: false }), client.language);
  return (
    <div className="print-page space-y-4">
      <div className="no-print flex items-center justify-between gap-3">
        <Link href={`/clients/${client.id}/reports?from=${period.from}&to=${period.to}`} className="text-sm font-medium text-brand-800 underline">
          {t("backToReports")}
        </Link>
        <PrintButton />
      </div>
      <div className="max-w-2xl rounded-lg border border-line bg-white p-6">
        <ClientSummaryView summary={summary} headingLevel={2} />
      </div>
    </div>
  );
}
