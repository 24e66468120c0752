import Link from "next/link";
import { BY_CLIENT } from "@/checkins/catalog";
import { Badge } from "@/components/ui/badge";
import { formatWhen } from "../format";
import type { HistoryRow } from "../queries";
import { BandBadge, ChangeText, formatScore, StatusBadge } from "./score-parts";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

/** A client's check-ins, newest first: total, band and change since the one before, each openable. */
export function HistoryTable({ clientId, rows, timeZone }: { clientId: string; rows: HistoryRow[]; timeZone: string }) {
  if (rows.length === 0) return <p className="text-sm text-muted">{t("noCheckInsYet")}</p>;
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[44rem] text-sm">
        <caption className="sr-only">{t("checkInHistoryNewestFirst")}</caption>
        <thead>
          <tr className="border-b border-line text-left text-xs uppercase tracking-wide text-muted">
            <th scope="col" className="px-5 py-2 font-medium">{t("date")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("checkIn")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("total")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("band")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("changeSinceLast")}</th>
            <th scope="col" className="px-5 py-2 font-medium">{t("status")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((r) => (
            <tr key={r.id} className="align-top hover:bg-canvas/60">
              <td className="whitespace-nowrap px-5 py-2.5">
                {/* Named as one string: a visually hidden span beside the date was read as "date : open…". */}
                <Link href={`/clients/${clientId}/checkins/${r.id}`} aria-label={`${formatWhen(r.administeredAt, timeZone, false)}: ${r.title}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  <time dateTime={r.administeredAt}>{formatWhen(r.administeredAt, timeZone, false)}</time>
                </Link>
                <span className="block text-xs text-muted">{r.mode === "portal" ? t("modePortal") : t("modeInSession")}</span>
              </td>
              <td className="px-3 py-2.5">
                <span className="font-medium">{r.title}</span>
                {r.byName !== BY_CLIENT ? <span className="text-muted"> · <bdi>{r.byName}</bdi></span> : null}
                {r.alerts > 0 ? (
                  <Badge tone="danger" className="ml-2">
                    {t("criticalAnswer")}
                  </Badge>
                ) : null}
                {r.notice ? <span className="block text-xs text-muted">{t("writtenForAttuneNotA")}</span> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums">
                {r.total === null ? <span className="text-muted">—</span> : <strong className="font-semibold">{formatScore(r.total)}</strong>}
                {r.max !== null ? <span className="text-muted"> / {formatScore(r.max)}</span> : null}
              </td>
              <td className="px-3 py-2.5">
                <BandBadge band={r.band} />
              </td>
              <td className="px-3 py-2.5 tabular-nums">
                <ChangeText change={r.change} />
              </td>
              <td className="px-5 py-2.5">
                <StatusBadge status={r.status} answered={r.answered} expected={r.expected} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
