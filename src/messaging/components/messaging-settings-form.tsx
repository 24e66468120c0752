"use client";

import { useActionState } from "react";
import { formatUtc } from "@/audit/components/format-time";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { saveMessagingSettingsAction } from "../client-actions";

export interface MessagingSettingsProps {
  clientId: string;
  /** A support person's settings; absent for the client's own. */
  contactId?: string;
  /** Who consents, in the consent choices: "The client", or the support person's name. */
  who?: string;
  email: string | null;
  timeZone: string;
  preferredHour: number;
  consent: { granted: boolean; recordedAt: string; source: string } | null;
}

const hours = Array.from({ length: 24 }, (_, h) => h);

export function consentText(consent: MessagingSettingsProps["consent"]): string {
  if (!consent) return "No consent to reminders on record: nothing is emailed.";
  const when = formatUtc(consent.recordedAt);
  if (consent.granted) return `Consented to email reminders (recorded ${when}).`;
  return consent.source === "unsubscribe_link" ? `Withdrew consent through the unsubscribe link (${when}).` : `Consent withdrawn (recorded ${when}).`;
}

/** A person's address, time zone, preferred hour and consent to email reminders (a new consent record when it changes). */
export function MessagingSettingsForm(props: MessagingSettingsProps) {
  const [saved, saveAction] = useActionState(saveMessagingSettingsAction, idleState);
  const who = props.who ?? "The client";
  return (
    <div className="space-y-3">
      <p className="text-sm">{consentText(props.consent)}</p>
      <form action={saveAction} className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="clientId" value={props.clientId} />
        {props.contactId ? <input type="hidden" name="contactId" value={props.contactId} /> : null}
        <TextField name="email" type="email" label="Email address" autoComplete="off" defaultValue={valueOf(saved, "email", props.email ?? "")} errors={saved.fieldErrors?.email} />
        <TextField name="timeZone" label="Time zone" hint="For example America/New_York" defaultValue={valueOf(saved, "timeZone", props.timeZone)} errors={saved.fieldErrors?.timeZone} />
        <SelectField name="preferredHour" label="Preferred hour" hint="Messages written in the organisation's quiet hours wait until then" defaultValue={valueOf(saved, "preferredHour", String(props.preferredHour))} errors={saved.fieldErrors?.preferredHour}>
          {hours.map((h) => (
            <option key={h} value={h}>{`${String(h).padStart(2, "0")}:00`}</option>
          ))}
        </SelectField>
        <SelectField name="consent" label="Consent to email reminders" defaultValue="unchanged" errors={saved.fieldErrors?.consent}>
          <option value="unchanged">Leave as it is</option>
          <option value="granted">{who} consents now</option>
          <option value="withdrawn">{who} withdraws consent</option>
        </SelectField>
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Saving…">Save email settings</SubmitButton>
        </div>
      </form>
      <FormMessage state={saved} />
    </div>
  );
}
