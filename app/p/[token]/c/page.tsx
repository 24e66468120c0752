import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PortalCheckins } from "@/checkins/components/portal-checkins";
import { CrisisLine } from "@/portal/components/crisis-line";
import { requirePortalHolder } from "@/portal/page-context";
import { crisisResourcesForHolder } from "@/portal/crisis";
import { portalDueCheckins } from "@/checkins/portal";
import { getDb } from "@/db/client";

export default async function PortalCheckinList({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const holder = await requirePortalHolder(token, "checkins");
  const [t, due, crisis] = await Promise.all([
    getTranslations({ locale: holder.language, namespace: "portal" }),
    portalDueCheckins(getDb(), holder),
    crisisResourcesForHolder(getDb(), holder),
  ]);
  return (
    <div className="space-y-6">
      <Link href={`/p/${token}`} className="text-sm text-muted hover:text-ink">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{t("checkins.heading")}</h1>
      <PortalCheckins holder={holder} token={token} due={due} always />
      <CrisisLine resources={crisis} language={holder.language} />
    </div>
  );
}
