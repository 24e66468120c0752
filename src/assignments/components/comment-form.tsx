"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { TextAreaField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { commentAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("assignments");

export function CommentForm({ clientId, entryId }: { clientId: string; entryId: string }) {
  const [state, action] = useActionState(commentAction, idleState);
  return (
    <form action={action} className="space-y-3" key={state.status === "success" ? state.at : "draft"} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="entryId" value={entryId} />
      <TextAreaField name="text" label={t("yourComment")} rows={3} required defaultValue={state.status === "error" ? String(state.values?.text ?? "") : ""} errors={state.fieldErrors?.text} />
      <SubmitButton>{t("addComment")}</SubmitButton>
    </form>
  );
}
