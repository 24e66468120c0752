"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, valueOf } from "@/components/ui/form";
import { TextAreaField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { acknowledgeAlertAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

export function AcknowledgeForm({ clientId, alertId }: { clientId: string; alertId: string }) {
  const [state, action] = useActionState(acknowledgeAlertAction, idleState);
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="alertId" value={alertId} />
      <TextAreaField
        name="note"
        label={t("acknowledgementNote")}
        hint={t("whatYouDidOrDecided")}
        rows={2}
        required
        defaultValue={valueOf(state, "note")}
        errors={state.fieldErrors?.note}
      />
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <SubmitButton pendingLabel={t("saving")}>{t("acknowledge")}</SubmitButton>
    </form>
  );
}
