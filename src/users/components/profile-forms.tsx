"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { changePasswordAction, updateProfileAction } from "../actions";

export function ProfileNameForm({ name }: { name: string }) {
  const [state, action] = useActionState(updateProfileAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField
        name="name"
        label="Your name"
        autoComplete="name"
        required
        defaultValue={valueOf(state, "name", name)}
        key={state.at ?? 0}
        errors={state.fieldErrors?.name}
      />
      <SubmitButton>Save name</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.currentPassword} />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters, not a common password. A short sentence works well."
        required
        errors={state.fieldErrors?.newPassword}
      />
      <TextField name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
