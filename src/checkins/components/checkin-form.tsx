"use client";

import { useTranslations } from "next-intl";
import { useActionState, useMemo, useState } from "react";
import { FieldError, FormMessage, inputClass, SubmitButton, useIdempotencyKey } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import type { AnswerValue, Instrument, InstrumentItem } from "@/instruments/fhir-schema";
import { enabledLinkIds } from "@/instruments/scoring";
import type { FormState } from "@/lib/form-state";
import { idleState } from "@/lib/form-state";

type Raw = string | number | boolean;
type Action = (state: FormState, formData: FormData) => Promise<FormState>;

interface Props {
  instrument: Instrument;
  action: Action;
  /** Fields the action needs besides the answers (client, instrument, token, schedule …). */
  hidden: Record<string, string>;
  /** "client" words things for the person answering in the portal; "counselor" for the session. */
  tone: "counselor" | "client";
  submitLabel: string;
  /** Shown instead of the form once saved (the portal stays on the page). */
  done?: (state: FormState) => React.ReactNode;
  /** The language of the questions' wording, when it differs from the page's. */
  lang?: string;
}

const isQuestion = (item: InstrumentItem) => item.type !== "group" && item.type !== "display";

function toAnswers(raw: Record<string, Raw>, instrument: Instrument): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const item of instrument.items) {
    const v = raw[item.linkId];
    if (v === undefined || v === "") continue;
    if (item.type === "choice" && typeof v === "string") out[item.linkId] = { code: v };
    else if ((item.type === "integer" || item.type === "decimal") && typeof v === "string") out[item.linkId] = Number(v);
    else out[item.linkId] = v;
  }
  return out;
}

/**
 * A check-in as a form: choice items as labelled radio groups with their answer texts (arrow
 * keys move within a group), other items as fields. Items switched off by the questionnaire's
 * rules are hidden. The answers travel as one JSON field, keyed by linkId.
 */
export function CheckinForm({ instrument, action, hidden, tone, submitLabel, done, lang }: Props) {
  const t = useTranslations("form");
  const [state, formAction] = useActionState(action, idleState);
  const [raw, setRaw] = useState<Record<string, Raw>>({});
  const [key] = useIdempotencyKey();
  const enabled = useMemo(() => enabledLinkIds(instrument, toAnswers(raw, instrument)), [instrument, raw]);
  const questions = instrument.items.filter((i) => isQuestion(i) && enabled.has(i.linkId));
  const unanswered = questions.filter((i) => raw[i.linkId] === undefined || raw[i.linkId] === "").length;
  const errors = state.fieldErrors ?? {};
  const numbers = new Map(instrument.items.filter(isQuestion).map((item, i) => [item.linkId, i + 1]));

  if (state.status === "success" && done) return <>{done(state)}</>;

  const set = (linkId: string, value: Raw) => setRaw((r) => ({ ...r, [linkId]: value }));
  const render = (parent: string | null): React.ReactNode[] =>
    instrument.items
      .filter((item) => item.parentLinkId === parent && enabled.has(item.linkId))
      .map((item) => {
        if (item.type === "display") {
          return (
            <p key={item.linkId} className="text-base text-muted">
              {item.text}
            </p>
          );
        }
        if (item.type === "group") {
          return (
            <section key={item.linkId} aria-labelledby={`group-${item.linkId}`} className="space-y-5">
              {item.text ? (
                <h2 id={`group-${item.linkId}`} className="text-sm font-semibold uppercase tracking-wide text-muted">
                  {item.text}
                </h2>
              ) : null}
              {render(item.linkId)}
            </section>
          );
        }
        return (
          <Question key={item.linkId} item={item} number={numbers.get(item.linkId) ?? 0} value={raw[item.linkId]} errors={errors[`answers.${item.linkId}`]} onChange={set} wide={tone === "counselor"} yesNo={yesNo} />
        );
      });

  const missingLabel = tone === "counselor" ? t("saveWithUnanswered") : unanswered === 1 ? t("saveWithoutOne") : t("saveWithoutMany");
  const yesNo = { yes: t("yes"), no: t("no") };
  return (
    <form action={formAction} className="space-y-6" noValidate lang={lang}>
      <FormMessage state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="answers" value={JSON.stringify(raw)} />
      {render(null)}
      <div className="space-y-3 border-t border-line pt-4">
        <p className="text-sm text-muted" aria-live="polite">
          {t("answered", { answered: questions.length - unanswered, total: questions.length })}
        </p>
        {unanswered > 0 && state.status === "error" && Object.values(errors).some((e) => e.includes(t("notAnswered"))) ? (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="allowMissing" value="true" className="mt-0.5 h-4 w-4" />
            <span>{missingLabel}</span>
          </label>
        ) : null}
        <SubmitButton pendingLabel={t("saving")} className={tone === "client" ? "w-full py-3 text-base" : undefined}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}

// Short answer texts sit side by side on a wide screen (quicker in session); long ones stack.
function Question({
  item,
  number,
  value,
  errors,
  onChange,
  wide,
  yesNo,
}: {
  item: InstrumentItem;
  number: number;
  value: Raw | undefined;
  errors?: string[];
  onChange: (linkId: string, value: Raw) => void;
  wide: boolean;
  yesNo: { yes: string; no: string };
}) {
  const errorId = `q-${item.linkId}-error`;
  const invalid = errors?.length ? true : undefined;
  const heading = (
    <>
      <span className="me-1 text-muted">{number}.</span> {item.text}
    </>
  );
  if (item.type === "choice" || item.type === "boolean") {
    const options = item.type === "boolean" ? [{ code: "true", display: yesNo.yes }, { code: "false", display: yesNo.no }] : item.options.map((o) => ({ code: o.code, display: o.display ?? o.code }));
    const current = typeof value === "boolean" ? String(value) : value;
    const side = wide && options.length <= 6 && options.every((o) => o.display.length <= 24);
    return (
      <fieldset data-field={`answers.${item.linkId}`} aria-describedby={invalid ? errorId : undefined} aria-invalid={invalid} className="space-y-2">
        <legend className="mb-2 text-base font-medium text-ink">{heading}</legend>
        <div className={side ? "grid gap-1.5 sm:flex sm:flex-wrap sm:gap-2" : "grid gap-1.5"}>
          {options.map((o) => (
            <label
              key={o.code}
              className={cn(
                "flex min-h-11 cursor-pointer items-center gap-3 rounded-md border bg-white px-3 py-2 text-base has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-[#2b6cb0]",
                current === o.code ? "border-brand-600 bg-brand-50" : "border-line hover:bg-canvas",
              )}
            >
              <input
                type="radio"
                name={`q-${item.linkId}`}
                value={o.code}
                checked={current === o.code}
                onChange={() => onChange(item.linkId, item.type === "boolean" ? o.code === "true" : o.code)}
                className="h-4 w-4 shrink-0 accent-brand-600"
              />
              <span>{o.display}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId} errors={errors} />
      </fieldset>
    );
  }
  const id = `q-${item.linkId}`;
  return (
    <div data-field={`answers.${item.linkId}`}>
      <label htmlFor={id} className="block text-base font-medium text-ink">
        {heading}
      </label>
      {item.type === "string" ? (
        <textarea id={id} rows={3} value={String(value ?? "")} aria-invalid={invalid} aria-describedby={invalid ? errorId : undefined} onChange={(e) => onChange(item.linkId, e.target.value)} className={cn(inputClass, "mt-2")} />
      ) : (
        <input
          id={id}
          type="number"
          inputMode={item.type === "integer" ? "numeric" : "decimal"}
          step={item.type === "integer" ? 1 : "any"}
          value={value === undefined ? "" : String(value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(e) => onChange(item.linkId, e.target.value)}
          className={cn(inputClass, "mt-2 max-w-40")}
        />
      )}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}
