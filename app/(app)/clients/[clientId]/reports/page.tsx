import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form";
import { getDb } from "@/db/client";
import { SummaryShareForms } from "@/reports/components/summary-share-forms";
import { LIMITS } from "@/lib/limiter";
import { formatPeriod, parsePeriod, DEFAULT_PERIOD_DAYS } from "@/reports/period";
import { currentSharedSummary } from "@/reports/summary-share";
import { staffText } from "@/i18n/staff";

const t = staffText("reports");

export const metadata: Metadata = { title: t("reports") };

export default async function ReportsTab({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "reports" } });
  const asked = await searchParams;
  const period = parsePeriod(asked, client.timeZone) ?? parsePeriod({}, client.timeZone)!;
  const invalid = parsePeriod(asked, client.timeZone) === null;
  const shared = await currentSharedSummary(getDb(), actor.organisationId, client.id);
  const q = new URLSearchParams({ from: period.from, to: period.to }).toString();
  const base = `/api/clients/${client.id}/export`;

  return (
    <div className="space-y-6">
      <section aria-labelledby="period-heading" className="space-y-3 rounded-lg border border-line bg-white p-4">
        <h2 id="period-heading" className="text-lg font-semibold">
          {t("period")}
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <label className="text-sm font-medium">
            {t("from")}
            <input type="date" name="from" defaultValue={period.from} required className={`${inputClass} mt-1 block w-44`} />
          </label>
          <label className="text-sm font-medium">
            {t("to")}
            <input type="date" name="to" defaultValue={period.to} required className={`${inputClass} mt-1 block w-44`} />
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            {t("useThisPeriod")}
          </button>
        </form>
        {invalid ? (
          <p role="alert" className="text-sm text-danger">
            {t("periodNotUsable", { days: String(DEFAULT_PERIOD_DAYS) })}
          </p>
        ) : null}
        <p className="text-sm text-muted">{t("reportsCover", { period: formatPeriod(period), timeZone: client.timeZone })}</p>
      </section>

      <section aria-labelledby="downloads-heading" className="space-y-3 rounded-lg border border-line bg-white p-4">
        <h2 id="downloads-heading" className="text-lg font-semibold">
          {t("download")}
        </h2>
        <form method="get" action={`${base}/pdf`} className="space-y-2">
          <input type="hidden" name="from" value={period.from} />
          <input type="hidden" name="to" value={period.to} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="notes" value="1" className="size-4" />
            {t("includeNotes")}
          </label>
          <button type="submit" className={buttonClass("primary")}>
            {t("downloadProgressReportPdf")}
          </button>
        </form>
        <ul className="space-y-1 text-sm">
          <li>
            <a href={`${base}/checkins-csv?${q}`} download className="font-medium text-brand-800 underline">
              {t("checkInsCsv")}
            </a>{" "}
            <span className="text-muted">{t("checkInsCsvDescription")}</span>
          </li>
          <li>
            <a href={`${base}/exercises-csv?${q}`} download className="font-medium text-brand-800 underline">
              {t("exerciseEntriesCsv")}
            </a>{" "}
            <span className="text-muted">{t("exerciseEntriesCsvDescription")}</span>
          </li>
          <li>
            <a href={`${base}/fhir?${q}`} download className="font-medium text-brand-800 underline">
              {t("checkInsFhir")}
            </a>{" "}
            <span className="text-muted">
              {t("checkInsFhirDescription")}
            </span>
          </li>
        </ul>
        <p className="text-xs text-muted">
          {t("downloadsRecorded", { max: String(LIMITS.export.max), minutes: String(LIMITS.export.windowSeconds / 60) })}
        </p>
      </section>

      <section aria-labelledby="summary-heading" className="space-y-3 rounded-lg border border-line bg-white p-4">
        <h2 id="summary-heading" className="text-lg font-semibold">
          {t("summaryForTheClient")}
        </h2>
        <p className="text-sm text-muted">
          {t("summaryIntro")}
        </p>
        <p className="text-sm">
          {shared ? (
            t.rich("shownInPortalNow", { period: formatPeriod(shared), strong: (chunks) => <strong>{chunks}</strong> })
          ) : (
            t("notShownInPortal")
          )}
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <Link href={`/clients/${client.id}/reports/summary?${q}`} className={buttonClass("secondary")}>
            {t("openThePrintableSummary")}
          </Link>
          <SummaryShareForms clientId={client.id} from={period.from} to={period.to} shared={shared !== null} />
        </div>
      </section>
    </div>
  );
}
