import Link from "next/link";
import { formatUtc } from "@/audit/components/format-time";
import { staffText } from "@/i18n/staff";
import { messageKindLabels } from "../labels";
import type { MessageRow } from "../queries";
import { deliveryNote, MessageStateBadge } from "./message-state";

const t = staffText("messaging");
const th = "sticky top-0 whitespace-nowrap border-b border-line bg-canvas px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted";
const td = "border-b border-line px-3 py-2.5 align-top";

/** The outbox and delivery log: one row per message, newest first. */
export function MessagesTable({ rows, openHref }: { rows: MessageRow[]; openHref: (id: string) => string }) {
  if (rows.length === 0) return <p className="rounded-lg border border-line bg-white p-4 text-sm text-muted">{t("noMessagesMatch")}</p>;
  return (
    <div className="overflow-hidden rounded-lg border border-line bg-white">
      <div role="region" aria-labelledby="messages-caption" tabIndex={0} className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0 text-sm">
          <caption id="messages-caption" className="sr-only">
            {t("tableCaption")}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("columnCreated")}</th>
              <th scope="col" className={th}>{t("columnKind")}</th>
              <th scope="col" className={th}>{t("columnTo")}</th>
              <th scope="col" className={th}>{t("columnSubject")}</th>
              <th scope="col" className={th}>{t("columnState")}</th>
              <th scope="col" className={th}>{t("columnDelivery")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} className="hover:bg-brand-50/50">
                <td className={`${td} whitespace-nowrap tabular-nums`}>{formatUtc(m.createdAt)}</td>
                <td className={`${td} whitespace-nowrap`}>{messageKindLabels[m.kind]}</td>
                <td className={`${td} whitespace-nowrap`}>{m.recipient}</td>
                <td className={td}>
                  <Link href={openHref(m.id)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {m.subject}
                  </Link>
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  <MessageStateBadge state={m.state} />
                </td>
                <td className={`${td} text-muted`}>{deliveryNote(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
