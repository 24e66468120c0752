"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { staffText } from "@/i18n/staff";
import type { FormState } from "@/lib/form-state";
import { buttonClass, type ButtonVariant } from "./button";
import { cn } from "./cn";

const t = staffText("form");

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
    <p id={id} className="mt-1 text-sm font-medium text-danger">
      <span className="sr-only">{t("errorPrefix")}</span>
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
            {t("required")}
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

/** The control a field error belongs to: the named control in the same form, else anywhere. */
function controlFor(name: string, from: HTMLElement | null): HTMLElement | null {
  const scope: ParentNode = from?.closest("form") ?? document;
  const escaped = CSS.escape(name);
  const found = scope.querySelector<HTMLElement>(`[name="${escaped}"]:not([type="hidden"]), [data-field="${escaped}"]`) ?? document.querySelector<HTMLElement>(`[name="${escaped}"]:not([type="hidden"]), [data-field="${escaped}"]`);
  if (!found) return null;
  // A group (a fieldset of checkboxes) is reached through its first control.
  if (found.matches("input, select, textarea, button")) return found;
  return found.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea, button") ?? found;
}

const ERROR_PREFIX = t("errorPrefix");

/**
 * A refused submission, after the GOV.UK error summary: a box at the top of the form, focused
 * when it appears, each entry a link to its field; the page title starts with "Error: " while
 * it shows. The field's own message stays beside the field.
 */
export function ErrorSummary({ state }: { state: FormState }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(state.fieldErrors ?? {}).filter(([, messages]) => messages?.length);

  useEffect(() => {
    ref.current?.focus();
    // Each entry's address is its control's id, known only once the form is drawn.
    for (const link of ref.current?.querySelectorAll<HTMLAnchorElement>("a[data-field-link]") ?? []) {
      const control = controlFor(link.dataset.fieldLink ?? "", ref.current);
      if (control?.id) link.setAttribute("href", `#${control.id}`);
    }
    const prefix = () => {
      if (!document.title.startsWith(ERROR_PREFIX)) document.title = ERROR_PREFIX + document.title;
    };
    prefix();
    // The router may write the page's own title again after this runs (a refresh that follows the
    // action): keep the prefix while the summary shows.
    const observer = new MutationObserver(prefix);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      if (document.title.startsWith(ERROR_PREFIX)) document.title = document.title.slice(ERROR_PREFIX.length);
    };
  }, [state.at, state.fieldErrors]);

  return (
    // Focused when it appears, so a screen reader reads it whole; no label of its own, or the
    // message would also name it (and getByLabel-style lookups of a field would find it).
    <div ref={ref} tabIndex={-1} data-error-summary="" className="rounded-md border-2 border-danger/60 bg-danger-bg px-4 py-3 text-sm text-danger outline-none focus-visible:ring-2 focus-visible:ring-danger focus:ring-2 focus:ring-danger/60">
      {/* As in GOV.UK Frontend: an alert inside the focused box, so it is announced even where
          focus cannot move (a form that re-mounts on every result). */}
      <div role="alert">
      <h2 className="font-semibold">
        {state.message ?? t("thereIsAProblem")}
      </h2>
      {entries.length ? (
        <ul className="mt-2 list-disc space-y-1 ps-5">
          {entries.map(([name, messages]) => (
            <li key={name}>
              <a
                href="#"
                data-field-link={name}
                // Offset past the baseline so an underscore in a message ("- and _") stays visible.
                className="underline underline-offset-4"
                onClick={(event) => {
                  event.preventDefault();
                  const control = controlFor(name, ref.current);
                  control?.scrollIntoView({ block: "center" });
                  control?.focus();
                }}
              >
                {messages.join(" ")}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      </div>
    </div>
  );
}

/**
 * The form-level message. A refusal is drawn as the error summary (put it first in the form);
 * a success is announced to screen readers when it changes.
 */
export function FormMessage({ state }: { state: FormState }) {
  const refused = state.status === "error" && Boolean(state.message || state.fieldErrors);
  return (
    <>
      {refused ? <ErrorSummary state={state} /> : null}
      <div aria-live="polite" role="status" className="min-h-0">
        {!refused && state.message ? <p className={cn("rounded-md border px-3 py-2 text-sm", state.status === "error" ? "border-danger/30 bg-danger-bg text-danger" : "border-ok/30 bg-ok-bg text-ok")}>{state.message}</p> : null}
      </div>
    </>
  );
}

/** Disabled while its form is submitting, so a double click sends once. */
export function SubmitButton({ children, pendingLabel, variant = "primary", className }: { children: React.ReactNode; pendingLabel?: string; variant?: ButtonVariant; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={cn(buttonClass(variant), className)}>
      {pending ? (pendingLabel ?? t("saving")) : children}
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
