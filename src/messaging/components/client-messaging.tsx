"use client";

import { useActionState } from "react";
import { formatUtc } from "@/audit/components/format-time";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { sendLinkNowAction } from "../client-actions";
import { messageKindLabels } from "../labels";
import type { MessageRow } from "../queries";
import { deliveryNote, MessageStateBadge } from "./message-state";
import { MessagingSettingsForm, type MessagingSettingsProps } from "./messaging-settings-form";

const t = staffText("messaging");

export interface ClientMessagingProps extends Omit<MessagingSettingsProps, "contactId" | "who"> {
  messages: MessageRow[];
}

/**
 * The client's email settings, consent and the messages about them. Messages never name an
 * exercise or a check-in; they only say that something new is waiting, with a private link.
 */
export function ClientMessaging({ messages, ...settings }: ClientMessagingProps) {
  const [sent, sendAction] = useActionState(sendLinkNowAction, idleState);
  const props = { ...settings, messages };
  return (
    <div className="space-y-4">
      <MessagingSettingsForm {...settings} />
      <form action={sendAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="clientId" value={props.clientId} />
        <SubmitButton variant="secondary" pendingLabel={t("sending")}>
          {t("sendLinkNow")}
        </SubmitButton>
        <span className="text-xs text-muted">{t("sendLinkNowHint")}</span>
      </form>
      <FormMessage state={sent} />
      {props.messages.length ? (
        <ul className="divide-y divide-line rounded-md border border-line" aria-label={t("messagesSent")}>
          {props.messages.map((m) => (
            <li key={m.id} className="flex flex-wrap items-start justify-between gap-2 px-3 py-2 text-sm">
              <div>
                <p className="font-medium">
                  {messageKindLabels[m.kind]} <span className="font-normal text-muted">· {m.recipient}</span>
                </p>
                <p className="text-xs text-muted">
                  {formatUtc(m.createdAt)} · {deliveryNote(m)}
                </p>
              </div>
              <MessageStateBadge state={m.state} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">{t("noMessages")}</p>
      )}
    </div>
  );
}
