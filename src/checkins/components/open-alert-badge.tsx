import Link from "next/link";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

/**
 * For the client header: open critical alerts, as words, linking to the Check-ins tab. Nothing
 * when none. The count comes with the client (getClientForActor), checked by the same query.
 */
export function OpenAlertBadge({ clientId, count }: { clientId: string; count: number }) {
  if (count === 0) return null;
  return (
    <Link
      href={`/clients/${clientId}/checkins`}
      className="inline-flex items-center gap-1.5 rounded-md border border-danger/40 bg-danger-bg px-2.5 py-1 text-sm font-semibold text-danger hover:bg-danger-bg/70"
    >
      <span aria-hidden="true">!</span>
      {t("openAlertsBadge", { count, alerts: String(count) })}
    </Link>
  );
}
