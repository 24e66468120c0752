import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CrisisLine } from "@/portal/components/crisis-line";
import { requirePortalHolder } from "@/portal/page-context";
import { ClientSummaryView } from "@/reports/components/client-summary-view";
import { portalSummaryFor } from "@/reports/portal-summary";
import { getDb } from "@/db/client";
import { crisisResourcesForHolder } from "@/portal/crisis";

export default async function PortalSummary({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const holder = await requirePortalHolder(token, "summary");
  const [summary, crisis] = await Promise.all([portalSummaryFor(getDb(), holder), crisisResourcesForHolder(getDb(), holder)]);
  if (!summary) notFound();
  const t = await getTranslations({ locale: holder.language, namespace: "portal" });
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/p/${token}`} className="text-sm font-medium text-brand-800 underline">
          {t("backShort")}
        </Link>
      </p>
      <ClientSummaryView summary={summary} />
      <CrisisLine resources={crisis} language={holder.language} />
    </div>
  );
}
