import { formatUtc } from "@/audit/components/format-time";
import { Badge } from "@/components/ui/badge";
import { messageStateLabels, messageStateTones } from "../labels";
import type { MessageRow } from "../queries";

/** When a message went out, or why it did not, in words. */
export function deliveryNote(row: Pick<MessageRow, "state" | "reason" | "sentAt" | "failedAt" | "sendAfter" | "attempts">): string {
  switch (row.state) {
    case "sent":
      return `${row.sentAt ? formatUtc(row.sentAt) : ""}${row.attempts > 1 ? ` (attempt ${row.attempts})` : ""}`;
    case "outbox":
      return row.sentAt ? `Kept ${formatUtc(row.sentAt)}: no SMTP server is configured` : "No SMTP server is configured";
    case "failed":
      return `${row.failedAt ? `${formatUtc(row.failedAt)}: ` : ""}${row.reason ?? "failed"}`;
    case "suppressed":
      return row.reason ?? "";
    default:
      return row.reason ?? (new Date(row.sendAfter).getTime() > Date.now() ? `Not before ${formatUtc(row.sendAfter)}` : "Waiting for the worker");
  }
}

export function MessageStateBadge({ state }: { state: MessageRow["state"] }) {
  return <Badge tone={messageStateTones[state]}>{messageStateLabels[state]}</Badge>;
}

