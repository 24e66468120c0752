"use client";

import { useActionState } from "react";
import { formatUtc } from "@/audit/components/format-time";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { saveMessagingSettingsAction, sendLinkNowAction } from "../client-actions";
import { messageKindLabels } from "../labels";
import type { MessageRow } from "../queries";
import { deliveryNote, MessageStateBadge } from "./message-state";

export interface ClientMessagingProps {
  clientId: string;
  email: string | null;
  timeZone: string;
  preferredHour: number;
  consent: { granted: boolean; recordedAt: string; source: string } | null;
  messages: MessageRow[];
}

const hours = Array.from({ length: 24 }, (_, h) => h);

function consentText(consent: ClientMessagingProps["consent"]): string {
  if (!consent) return "No consent to reminders on record: nothing is emailed.";
  const when = formatUtc(consent.recordedAt);
  if (consent.granted) return `Consented to email reminders (recorded ${when}).`;
  return consent.source === "unsubscribe_link" ? `Withdrew consent through the unsubscribe link (${when}).` : `Consent withdrawn (recorded ${when}).`;
}

/**
 * The client's email settings, consent and the messages about them. Messages never name an
 * exercise or a check-in; they only say that something new is waiting, with a private link.
 */
export function ClientMessaging(props: ClientMessagingProps) {
  const [saved, saveAction] = useActionState(saveMessagingSettingsAction, idleState);
  const [sent, sendAction] = useActionState(sendLinkNowAction, idleState);
  return (
    <div className="space-y-4">
      <p className="text-sm">{consentText(props.consent)}</p>
      <form action={saveAction} className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="clientId" value={props.clientId} />
        <TextField name="email" type="email" label="Email address" autoComplete="off" defaultValue={valueOf(saved, "email", props.email ?? "")} errors={saved.fieldErrors?.email} />
        <TextField name="timeZone" label="Time zone" hint="For example America/New_York" defaultValue={valueOf(saved, "timeZone", props.timeZone)} errors={saved.fieldErrors?.timeZone} />
        <SelectField name="preferredHour" label="Preferred hour" hint="Messages written in quiet hours (21:00–08:00) wait until then" defaultValue={valueOf(saved, "preferredHour", String(props.preferredHour))} errors={saved.fieldErrors?.preferredHour}>
          {hours.map((h) => (
            <option key={h} value={h}>{`${String(h).padStart(2, "0")}:00`}</option>
          ))}
        </SelectField>
        <SelectField name="consent" label="Consent to email reminders" defaultValue="unchanged" errors={saved.fieldErrors?.consent}>
          <option value="unchanged">Leave as it is</option>
          <option value="granted">The client consents now</option>
          <option value="withdrawn">The client withdraws consent</option>
        </SelectField>
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Saving…">Save email settings</SubmitButton>
        </div>
      </form>
      <FormMessage state={saved} />
      <form action={sendAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="clientId" value={props.clientId} />
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Send the link now
        </SubmitButton>
        <span className="text-xs text-muted">Emails a new private link (with consent, outside quiet hours).</span>
      </form>
      <FormMessage state={sent} />
      {props.messages.length ? (
        <ul className="divide-y divide-line rounded-md border border-line" aria-label="Messages sent">
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
        <p className="text-sm text-muted">No messages yet.</p>
      )}
    </div>
  );
}
