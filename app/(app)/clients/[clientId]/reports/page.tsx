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

export const metadata: Metadata = { title: "Reports" };

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
          Period
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <label className="text-sm font-medium">
            From
            <input type="date" name="from" defaultValue={period.from} required className={`${inputClass} mt-1 block w-44`} />
          </label>
          <label className="text-sm font-medium">
            To
            <input type="date" name="to" defaultValue={period.to} required className={`${inputClass} mt-1 block w-44`} />
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            Use this period
          </button>
        </form>
        {invalid ? (
          <p role="alert" className="text-sm text-danger">
            That period could not be used (the first day must come before the last, at most three years apart); showing the last {DEFAULT_PERIOD_DAYS} days.
          </p>
        ) : null}
        <p className="text-sm text-muted">Reports cover {formatPeriod(period)}, in the client&apos;s time zone ({client.timeZone}).</p>
      </section>

      <section aria-labelledby="downloads-heading" className="space-y-3 rounded-lg border border-line bg-white p-4">
        <h2 id="downloads-heading" className="text-lg font-semibold">
          Download
        </h2>
        <form method="get" action={`${base}/pdf`} className="space-y-2">
          <input type="hidden" name="from" value={period.from} />
          <input type="hidden" name="to" value={period.to} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="notes" value="1" className="size-4" />
            Include the text of signed session notes and their addenda
          </label>
          <button type="submit" className={buttonClass("primary")}>
            Download progress report (PDF)
          </button>
        </form>
        <ul className="space-y-1 text-sm">
          <li>
            <a href={`${base}/checkins-csv?${q}`} download className="font-medium text-brand-800 underline">
              Check-ins (CSV)
            </a>{" "}
            <span className="text-muted">: one row per check-in with every answer.</span>
          </li>
          <li>
            <a href={`${base}/exercises-csv?${q}`} download className="font-medium text-brand-800 underline">
              Exercise entries (CSV)
            </a>{" "}
            <span className="text-muted">: one row per entry with every field.</span>
          </li>
          <li>
            <a href={`${base}/fhir?${q}`} download className="font-medium text-brand-800 underline">
              Check-ins as FHIR R4 (JSON Bundle)
            </a>{" "}
            <span className="text-muted">
              : Patient, QuestionnaireResponses and score Observations, for another system. Each response names who answered: the client, the counselor who rated a clinician-rated check-in (Practitioner), or a family member for their own check-ins (RelatedPerson).
            </span>
          </li>
        </ul>
        <p className="text-xs text-muted">
          Every download is recorded in the audit log with its format and period. These records are protected by 42 CFR Part 2: share them only with the client&apos;s written consent. At most {LIMITS.export.max} downloads per {LIMITS.export.windowSeconds / 60} minutes.
        </p>
      </section>

      <section aria-labelledby="summary-heading" className="space-y-3 rounded-lg border border-line bg-white p-4">
        <h2 id="summary-heading" className="text-lg font-semibold">
          Summary for the client
        </h2>
        <p className="text-sm text-muted">
          A short summary in plain language of what the client did and how their check-ins moved. Print it, or show it in their portal. Family members see it only if their consent allows progress summaries.
        </p>
        <p className="text-sm">
          {shared ? (
            <>
              Shown in the portal now: <strong>{formatPeriod(shared)}</strong>.
            </>
          ) : (
            "Not shown in the portal."
          )}
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <Link href={`/clients/${client.id}/reports/summary?${q}`} className={buttonClass("secondary")}>
            Open the printable summary
          </Link>
          <SummaryShareForms clientId={client.id} from={period.from} to={period.to} shared={shared !== null} />
        </div>
      </section>
    </div>
  );
}
