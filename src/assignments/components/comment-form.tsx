"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { TextAreaField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { commentAction } from "../actions";

export function CommentForm({ clientId, entryId }: { clientId: string; entryId: string }) {
  const [state, action] = useActionState(commentAction, idleState);
  return (
    <form action={action} className="space-y-3" key={state.status === "success" ? state.at : "draft"} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="entryId" value={entryId} />
      <TextAreaField name="text" label="Your comment" rows={3} required defaultValue={state.status === "error" ? String(state.values?.text ?? "") : ""} errors={state.fieldErrors?.text} />
      <SubmitButton>Add comment</SubmitButton>
    </form>
  );
}
