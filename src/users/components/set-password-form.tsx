"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState, type FormState } from "@/lib/form-state";

const t = staffText("auth");

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
        label={t("newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("newPasswordHint")}
        required
        errors={state.fieldErrors?.password}
      />
      <TextField name="confirmPassword" label={t("newPasswordAgain")} type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <SubmitButton pendingLabel={t("saving")} className="w-full">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
