"use client";

import { useActionState } from "react";
import { formatUtc } from "@/audit/components/format-time";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { staffText } from "@/i18n/staff";
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

const t = staffText("messaging");
const hours = Array.from({ length: 24 }, (_, h) => h);

export function consentText(consent: MessagingSettingsProps["consent"]): string {
  if (!consent) return t("noConsent");
  const when = formatUtc(consent.recordedAt);
  if (consent.granted) return t("consented", { when });
  return consent.source === "unsubscribe_link" ? t("withdrewByLink", { when }) : t("consentWithdrawn", { when });
}

/** A person's address, time zone, preferred hour and consent to email reminders (a new consent record when it changes). */
export function MessagingSettingsForm(props: MessagingSettingsProps) {
  const [saved, saveAction] = useActionState(saveMessagingSettingsAction, idleState);
  const who = props.who ?? t("theClient");
  return (
    <div className="space-y-3">
      <p className="text-sm">{consentText(props.consent)}</p>
      <form action={saveAction} className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="clientId" value={props.clientId} />
        {props.contactId ? <input type="hidden" name="contactId" value={props.contactId} /> : null}
        <TextField name="email" type="email" label={t("emailAddress")} autoComplete="off" defaultValue={valueOf(saved, "email", props.email ?? "")} errors={saved.fieldErrors?.email} />
        <TextField name="timeZone" label={t("timeZone")} hint={t("timeZoneHint")} defaultValue={valueOf(saved, "timeZone", props.timeZone)} errors={saved.fieldErrors?.timeZone} />
        <SelectField name="preferredHour" label={t("preferredHour")} hint={t("preferredHourHint")} defaultValue={valueOf(saved, "preferredHour", String(props.preferredHour))} errors={saved.fieldErrors?.preferredHour}>
          {hours.map((h) => (
            <option key={h} value={h}>{`${String(h).padStart(2, "0")}:00`}</option>
          ))}
        </SelectField>
        <SelectField name="consent" label={t("consent")} defaultValue="unchanged" errors={saved.fieldErrors?.consent}>
          <option value="unchanged">{t("consentUnchanged")}</option>
          <option value="granted">{t("consentGranted", { who })}</option>
          <option value="withdrawn">{t("consentWithdrawnChoice", { who })}</option>
        </SelectField>
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel={t("saving")}>{t("saveEmailSettings")}</SubmitButton>
        </div>
      </form>
      <FormMessage state={saved} />
    </div>
  );
}
