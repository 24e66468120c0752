"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { saveMessageSettingsAction } from "../org-settings-actions";

export interface MessageSettingsValues {
  senderName: string | null;
  signature: string;
  quietStart: number;
  quietEnd: number;
  reminderHour: number;
}

const t = staffText("adminMessages");
const hours = Array.from({ length: 24 }, (_, h) => h);
const hourOptions = hours.map((h) => <option key={h} value={h}>{`${String(h).padStart(2, "0")}:00`}</option>);

/** The organisation's sender name, sign-off, quiet hours and default reminder hour (administrators). */
export function MessageSettingsForm({ values }: { values: MessageSettingsValues }) {
  const [state, action] = useActionState(saveMessageSettingsAction, idleState);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormMessage state={state} />
      </div>
      <TextField
        name="senderName"
        label={t("senderName")}
        hint={t("senderNameHint")}
        defaultValue={valueOf(state, "senderName", values.senderName ?? "")}
        errors={state.fieldErrors?.senderName}
      />
      <TextField
        name="signature"
        label={t("signature")}
        hint={t("signatureHint")}
        defaultValue={valueOf(state, "signature", values.signature)}
        errors={state.fieldErrors?.signature}
      />
      <SelectField name="quietStart" label={t("quietStart")} hint={t("quietStartHint")} defaultValue={valueOf(state, "quietStart", String(values.quietStart))} errors={state.fieldErrors?.quietStart}>
        {hourOptions}
      </SelectField>
      <SelectField name="quietEnd" label={t("quietEnd")} defaultValue={valueOf(state, "quietEnd", String(values.quietEnd))} errors={state.fieldErrors?.quietEnd}>
        {hourOptions}
      </SelectField>
      <SelectField name="reminderHour" label={t("reminderHour")} hint={t("reminderHourHint")} defaultValue={valueOf(state, "reminderHour", String(values.reminderHour))} errors={state.fieldErrors?.reminderHour}>
        {hourOptions}
      </SelectField>
      <div className="sm:col-span-2">
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("saveSettings")}
        </SubmitButton>
      </div>
    </form>
  );
}
