"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { SelectField, TextAreaField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { dischargeClientAction, readmitClientAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("clientPage");

export function DischargeForm({ clientId, version, today }: { clientId: string; version: number; today: string }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(dischargeClientAction, idleState);
  if (!open && state.status !== "error") {
    return (
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("openDischarge")}
      </Button>
    );
  }
  return (
    <form action={action} className="space-y-4 rounded-md border border-line bg-canvas p-4" noValidate>
      <FormMessage state={state} />
      <h3 className="text-sm font-semibold">{t("dischargeThisClient")}</h3>
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="version" value={version} />
      <TextField name="dischargedOn" label={t("dischargeDate")} type="date" required defaultValue={(state.values?.dischargedOn as string) ?? today} errors={state.fieldErrors?.dischargedOn} />
      <TextAreaField name="reason" label={t("reason")} required rows={3} defaultValue={(state.values?.reason as string) ?? ""} errors={state.fieldErrors?.reason} />
      <div className="flex gap-2">
        <SubmitButton variant="danger">{t("discharge")}</SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

export function ReadmitForm({ clientId, version, today }: { clientId: string; version: number; today: string }) {
  const [state, action] = useActionState(readmitClientAction, idleState);
  return (
    <form action={action} className="space-y-4 rounded-md border border-line bg-canvas p-4" noValidate>
      <FormMessage state={state} />
      <h3 className="text-sm font-semibold">{t("reAdmitThisClient")}</h3>
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="startDate" label={t("reAdmissionDate")} type="date" required defaultValue={(state.values?.startDate as string) ?? today} errors={state.fieldErrors?.startDate} />
        <SelectField name="status" label={t("status")} required defaultValue={(state.values?.status as string) ?? "active"} errors={state.fieldErrors?.status}>
          <option value="intake">{t("intake")}</option>
          <option value="active">{t("active")}</option>
        </SelectField>
      </div>
      <SubmitButton>{t("reAdmit")}</SubmitButton>
    </form>
  );
}
