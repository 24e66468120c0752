"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { changePasswordAction, updateProfileAction } from "../actions";

const t = staffText("profile");

export function ProfileNameForm({ name }: { name: string }) {
  const [state, action] = useActionState(updateProfileAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField
        name="name"
        label={t("yourName")}
        autoComplete="name"
        required
        defaultValue={valueOf(state, "name", name)}
        key={state.at ?? 0}
        errors={state.fieldErrors?.name}
      />
      <SubmitButton>{t("saveName")}</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField name="currentPassword" label={t("currentPassword")} type="password" autoComplete="current-password" required errors={state.fieldErrors?.currentPassword} />
      <TextField
        name="newPassword"
        label={t("newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("newPasswordHint")}
        required
        errors={state.fieldErrors?.newPassword}
      />
      <TextField name="confirmPassword" label={t("newPasswordAgain")} type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <SubmitButton pendingLabel={t("changing")}>{t("changePassword")}</SubmitButton>
    </form>
  );
}
