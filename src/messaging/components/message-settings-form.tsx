"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { saveMessageSettingsAction } from "../org-settings-actions";

export interface MessageSettingsValues {
  senderName: string | null;
  signature: string;
  quietStart: number;
  quietEnd: number;
  reminderHour: number;
}

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
        label="Sender name"
        hint="Shown as who every email is from; empty keeps the server's own. Name nothing that says what the organisation treats."
        defaultValue={valueOf(state, "senderName", values.senderName ?? "")}
        errors={state.fieldErrors?.senderName}
      />
      <TextField
        name="signature"
        label="Sign-off on messages to clients and support people"
        hint="For example “The team”. The same rule: no programme or service name."
        defaultValue={valueOf(state, "signature", values.signature)}
        errors={state.fieldErrors?.signature}
      />
      <SelectField name="quietStart" label="Quiet hours begin" hint="In each person's own time zone" defaultValue={valueOf(state, "quietStart", String(values.quietStart))} errors={state.fieldErrors?.quietStart}>
        {hourOptions}
      </SelectField>
      <SelectField name="quietEnd" label="Quiet hours end" defaultValue={valueOf(state, "quietEnd", String(values.quietEnd))} errors={state.fieldErrors?.quietEnd}>
        {hourOptions}
      </SelectField>
      <SelectField name="reminderHour" label="Preferred hour for a new person" hint="Until a counselor sets theirs" defaultValue={valueOf(state, "reminderHour", String(values.reminderHour))} errors={state.fieldErrors?.reminderHour}>
        {hourOptions}
      </SelectField>
      <div className="sm:col-span-2">
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          Save message settings
        </SubmitButton>
      </div>
    </form>
  );
}
