"use client";

import Link from "next/link";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { beginTwoFactorAction, confirmTwoFactorAction, disableTwoFactorAction, resetTwoFactorAction, setOrgTwoFactorAction } from "../two-factor-actions";

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
            Recovery codes
          </h2>
          <p className="text-sm text-muted">
            Keep these somewhere safe, away from your phone. Each one signs you in once if you lose your phone. They are shown only now.
          </p>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md border border-line bg-canvas p-3 font-mono text-sm">
            {codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </section>
        <Link href={continueTo} className={buttonClass("primary")}>
          I have saved them: continue
        </Link>
      </div>
    );
  }

  if (!enrolment) {
    return (
      <form action={begin} className="space-y-4" noValidate>
        <p className="text-sm text-muted">
          You will need an authenticator app on your phone (any app that supports time-based codes, such as the one your organisation recommends).
        </p>
        <FormMessage state={begun} />
        <SubmitButton pendingLabel="Preparing…">Set up two-factor sign-in</SubmitButton>
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
          alt="QR code for your authenticator app: scan it with the app to add Attune. The same key is written out below for typing."
          className="rounded-md border border-line bg-white"
        />
        <figcaption className="text-xs text-muted">Scan this with your authenticator app, or type the key below.</figcaption>
      </figure>
      <div className="space-y-1">
        <p className="text-sm font-medium" id="key-label">
          Key to type into your app
        </p>
        <p aria-labelledby="key-label" data-testid="totp-key" className="rounded-md border border-line bg-canvas px-3 py-2 font-mono text-sm tracking-wide break-all">
          {enrolment.secretForTyping}
        </p>
        <p className="text-xs text-muted">If you type it, choose a time-based key. Or paste the setup link below into an app that accepts one.</p>
      </div>
      <div className="space-y-1">
        <label htmlFor="totp-uri" className="block text-sm font-medium">
          Setup link (otpauth)
        </label>
        <textarea id="totp-uri" readOnly rows={3} value={enrolment.uri} className="block w-full rounded-md border border-line bg-canvas px-3 py-2 font-mono text-xs" />
      </div>
      <form action={confirm} className="space-y-4" noValidate>
        {confirmed.status === "error" ? <FormMessage state={confirmed} /> : null}
        <TextField
          name="code"
          label="Code from your app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          errors={confirmed.fieldErrors?.code}
        />
        <SubmitButton pendingLabel="Checking…">Turn on two-factor sign-in</SubmitButton>
      </form>
    </div>
  );
}

export function DisableTwoFactorForm() {
  const [state, action] = useActionState(disableTwoFactorAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField name="password" label="Your password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <TextField name="code" label="Code from your app, or a recovery code" autoComplete="one-time-code" required errors={state.fieldErrors?.code} />
      <SubmitButton variant="danger" pendingLabel="Turning off…">
        Turn off two-factor sign-in
      </SubmitButton>
    </form>
  );
}

/** The administrator's organisation-wide switch. */
export function OrgTwoFactorForm({ required, clinicalWithout }: { required: boolean; clinicalWithout: number }) {
  const [state, action] = useActionState(setOrgTwoFactorAction, idleState);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="required" value={required ? "no" : "yes"} />
      <p className="text-sm">
        {required ? (
          <>
            <strong>Required</strong> for counselors and supervisors. Those without it are sent to set it up before they can open anything else.
          </>
        ) : (
          <>
            <strong>Optional.</strong> Anyone may turn it on from their profile.
          </>
        )}{" "}
        {clinicalWithout === 1 ? "1 counselor or supervisor has" : `${clinicalWithout} counselors and supervisors have`} not set it up.
      </p>
      <FormMessage state={state} />
      <SubmitButton variant={required ? "secondary" : "primary"} pendingLabel="Saving…">
        {required ? "Make two-factor sign-in optional" : "Require two-factor sign-in for counselors and supervisors"}
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
        If {name} has lost their phone and their recovery codes, turn two-factor off: their sessions end and they set it up again at their next sign-in.
      </p>
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel="Turning off…">
        Turn off two-factor for {name}
      </SubmitButton>
    </form>
  );
}
