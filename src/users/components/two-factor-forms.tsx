"use client";

import Link from "next/link";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { beginTwoFactorAction, confirmTwoFactorAction, disableTwoFactorAction, resetTwoFactorAction, setOrgTwoFactorAction } from "../two-factor-actions";

const t = staffText("twoFactor");

type Enrolment = { uri: string; secretForTyping: string; qrCode: string };

/** Setting up two-factor sign-in: a new key for the app, a code to confirm it, then the recovery codes once. */
export function TwoFactorSetup({ continueTo }: { continueTo: string }) {
  const [begun, begin] = useActionState(beginTwoFactorAction, idleState);
  const [confirmed, confirm] = useActionState(confirmTwoFactorAction, idleState);
  const enrolment = begun.status === "success" ? (begun.data as Enrolment) : null;
  const codes = confirmed.status === "success" ? (confirmed.data as { recoveryCodes: string[] }).recoveryCodes : null;

  if (codes) {
    return (
      <div className="space-y-4">
        <FormMessage state={confirmed} />
        <section aria-labelledby="recovery-heading" className="space-y-2">
          <h2 id="recovery-heading" className="text-base font-semibold">
            {t("recoveryCodes")}
          </h2>
          <p className="text-sm text-muted">
            {t("recoveryCodesIntro")}
          </p>
          <ul aria-label={t("recoveryCodes")} className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md border border-line bg-canvas p-3 font-mono text-sm">
            {codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </section>
        <Link href={continueTo} className={buttonClass("primary")}>
          {t("savedContinue")}
        </Link>
      </div>
    );
  }

  if (!enrolment) {
    return (
      <form action={begin} className="space-y-4" noValidate>
        <p className="text-sm text-muted">
          {t("needApp")}
        </p>
        <FormMessage state={begun} />
        <SubmitButton pendingLabel={t("preparing")}>{t("setUp")}</SubmitButton>
      </form>
    );
  }

  return (
    <div className="space-y-4">
      <FormMessage state={begun} />
      <figure className="space-y-1">
        {/* A data: URL drawn on the server; next/image would add nothing here. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={enrolment.qrCode}
          width={192}
          height={192}
          alt={t("qrAlt")}
          className="rounded-md border border-line bg-white"
        />
        <figcaption className="text-xs text-muted">{t("qrCaption")}</figcaption>
      </figure>
      <div className="space-y-1">
        <p className="text-sm font-medium" id="key-label">
          {t("keyLabel")}
        </p>
        <p aria-labelledby="key-label" data-testid="totp-key" className="rounded-md border border-line bg-canvas px-3 py-2 font-mono text-sm tracking-wide break-all">
          {enrolment.secretForTyping}
        </p>
        <p className="text-xs text-muted">{t("keyHint")}</p>
      </div>
      <div className="space-y-1">
        <label htmlFor="totp-uri" className="block text-sm font-medium">
          {t("setupLink")}
        </label>
        <textarea id="totp-uri" readOnly rows={3} value={enrolment.uri} className="block w-full rounded-md border border-line bg-canvas px-3 py-2 font-mono text-xs" />
      </div>
      <form action={confirm} className="space-y-4" noValidate>
        {confirmed.status === "error" ? <FormMessage state={confirmed} /> : null}
        <TextField
          name="code"
          label={t("codeFromApp")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          errors={confirmed.fieldErrors?.code}
        />
        <SubmitButton pendingLabel={t("checking")}>{t("turnOn")}</SubmitButton>
      </form>
    </div>
  );
}

export function DisableTwoFactorForm() {
  const [state, action] = useActionState(disableTwoFactorAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField name="password" label={t("yourPassword")} type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <TextField name="code" label={t("codeOrRecovery")} autoComplete="one-time-code" required errors={state.fieldErrors?.code} />
      <SubmitButton variant="danger" pendingLabel={t("turningOff")}>
        {t("turnOff")}
      </SubmitButton>
    </form>
  );
}

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

/** The administrator's organisation-wide switch. */
export function OrgTwoFactorForm({ required, clinicalWithout }: { required: boolean; clinicalWithout: number }) {
  const [state, action] = useActionState(setOrgTwoFactorAction, idleState);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="required" value={required ? "no" : "yes"} />
      <p className="text-sm">
        {required ? (
          <>
            {t.rich("orgRequired", { strong })}
          </>
        ) : (
          <>
            {t.rich("orgOptional", { strong })}
          </>
        )}{" "}
        {t("orgWithout", { count: clinicalWithout })}
      </p>
      <FormMessage state={state} />
      <SubmitButton variant={required ? "secondary" : "primary"} pendingLabel={t("saving")}>
        {required ? t("makeOptional") : t("makeRequired")}
      </SubmitButton>
    </form>
  );
}

export function ResetTwoFactorForm({ userId, name }: { userId: string; name: string }) {
  const [state, action] = useActionState(resetTwoFactorAction, idleState);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-muted">
        {t("resetIntro", { name })}
      </p>
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={t("turningOff")}>
        {t("turnOffFor", { name })}
      </SubmitButton>
    </form>
  );
}
