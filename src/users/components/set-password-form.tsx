"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { idleState, type FormState } from "@/lib/form-state";

interface Props {
  /** A server action of the page: it sets the password from the link, then signs the person out. */
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  token: string;
  email: string;
  submitLabel: string;
}

export function SetPasswordForm({ action, token, email, submitLabel }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      {/* Lets a password manager store the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters, not a common password. A short sentence works well."
        required
        errors={state.fieldErrors?.password}
      />
      <TextField name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <SubmitButton pendingLabel="Saving…" className="w-full">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
