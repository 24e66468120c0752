import Link from "next/link";
import { formatWhen } from "../format";
import type { OpenAlert } from "../queries";
import { AcknowledgeForm } from "./acknowledge-form";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

/** Open critical alerts, at the top of the client's Check-ins tab until acknowledged. */
export function OpenAlerts({ clientId, alerts, timeZone }: { clientId: string; alerts: OpenAlert[]; timeZone: string }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="open-alerts" className="rounded-lg border-2 border-danger/40 bg-danger-bg p-5">
      <h2 id="open-alerts" className="text-base font-semibold text-danger">
        {t("openAlertsHeading", { count: alerts.length, alerts: String(alerts.length) })}
      </h2>
      <ul className="mt-3 space-y-4">
        {alerts.map((a) => (
          <li key={a.id} className="rounded-md border border-danger/20 bg-white p-4">
            <p className="text-base">{a.message}</p>
            <p className="mt-1 text-sm text-muted">
              {t.rich("alertRaised", {
                instrument: a.instrumentTitle,
                by: a.byName,
                when: formatWhen(a.raisedAt, timeZone),
                bdi: (chunks) => <bdi>{chunks}</bdi>,
                time: (chunks) => <time dateTime={a.raisedAt}>{chunks}</time>,
              })}{" "}
              <Link href={`/clients/${clientId}/checkins/${a.administrationId}`} className="text-brand-700 underline-offset-2 hover:underline">
                {t("seeTheAnswers")}
              </Link>
            </p>
            <div className="mt-3 max-w-xl">
              <AcknowledgeForm clientId={clientId} alertId={a.id} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
