"use client";

import { useActionState, useState } from "react";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { signInAction } from "../actions";

const t = staffText("auth");

/**
 * Email and password; for an account with two-factor sign-in, a second step asks for the code
 * (the password stays in this form, never sent back by the server). A failed second step starts
 * over at the first, saying only that something did not match.
 */
export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction] = useActionState(signInAction, idleState);
  const [password, setPassword] = useState("");
  const askCode = (state.data as { step?: string } | undefined)?.step === "code";
  return (
    <form
      action={(formData) => {
        // Kept here for the second step, whatever filled the field (typing or a password manager).
        if (!askCode) setPassword(String(formData.get("password") ?? ""));
        formAction(formData);
      }}
      className="space-y-4"
      noValidate
    >
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      {askCode ? (
        <>
          <input type="hidden" name="email" value={valueOf(state, "email")} />
          <input type="hidden" name="password" value={password} />
          <p className="text-sm text-muted">
            {t.rich("codeIntro", { email: valueOf(state, "email"), strong: (chunks) => <strong className="text-ink">{chunks}</strong> })}
          </p>
          <TextField
            name="code"
            label={t("authenticationCode")}
            autoComplete="one-time-code"
            autoFocus
            required
            key={`code-${state.at ?? 0}`}
            errors={state.fieldErrors?.code}
          />
          <SubmitButton pendingLabel={t("checking")} className="w-full">
            {t("verifyAndSignIn")}
          </SubmitButton>
        </>
      ) : (
        <>
          <TextField
            name="email"
            label={t("email")}
            type="email"
            autoComplete="username"
            required
            defaultValue={valueOf(state, "email")}
            key={`email-${state.at ?? 0}`}
            errors={state.fieldErrors?.email}
          />
          <TextField
            name="password"
            label={t("password")}
            type="password"
            autoComplete="current-password"
            required
            errors={state.fieldErrors?.password}
          />
          <SubmitButton pendingLabel={t("signingIn")} className="w-full">
            {t("signIn")}
          </SubmitButton>
        </>
      )}
    </form>
  );
}
