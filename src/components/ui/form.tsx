"use client";

import { useId, useState } from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/form-state";
import { buttonClass, type ButtonVariant } from "./button";
import { cn } from "./cn";

export const inputClass =
  "block w-full rounded-md border border-line bg-white px-3 py-2 text-sm text-ink shadow-inner shadow-black/[0.02] placeholder:text-muted/70 aria-[invalid=true]:border-danger";

export function valueOf(state: FormState, name: string, fallback = ""): string {
  const v = state.values?.[name];
  if (Array.isArray(v)) return v[0] ?? fallback;
  return v ?? fallback;
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-danger">
      {errors.join(" ")}
    </p>
  );
}

interface TextFieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
}

/**
 * The label, hint and error around one control, wired together: every field kind (input,
 * select, textarea) is drawn by this, so they look and announce alike.
 */
export function FieldShell({
  label,
  hint,
  errors,
  required,
  className,
  children,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  required?: boolean;
  className?: string;
  children: (control: { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined; className: string }) => React.ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
        {required ? (
          <span aria-hidden="true" className="font-normal text-muted">
            {" "}
            (required)
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy, className: cn(inputClass, "mt-1") })}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

export function TextField({ name, label, hint, errors, className, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} errors={errors} required={input.required} className={className}>
      {(control) => <input name={name} {...control} {...input} />}
    </FieldShell>
  );
}

/** The form-level message, announced to screen readers when it changes. */
export function FormMessage({ state }: { state: FormState }) {
  return (
    <div aria-live="polite" role="status" className="min-h-0">
      {state.message ? (
        <p
          className={cn(
            "rounded-md border px-3 py-2 text-sm",
            state.status === "error" ? "border-danger/30 bg-danger-bg text-danger" : "border-ok/30 bg-ok-bg text-ok",
          )}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

/** Disabled while its form is submitting, so a double click sends once. */
export function SubmitButton({ children, pendingLabel, variant = "primary", className }: { children: React.ReactNode; pendingLabel?: string; variant?: ButtonVariant; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={cn(buttonClass(variant), className)}>
      {pending ? (pendingLabel ?? "Saving…") : children}
    </button>
  );
}

function newKey(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/**
 * A key that stays the same for one filling-in of a form, sent with it so the server saves a
 * repeated submission only once. Call `renew` after a success to start a new one.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(newKey);
  return [key, () => setKey(newKey())];
}
