"use client";

import { useActionState, useState } from "react";
import { FieldError, FormMessage, inputClass, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField, TextAreaField } from "@/components/ui/select-field";
import type { FormState } from "@/lib/form-state";
import { idleState } from "@/lib/form-state";
import { setScoringAction } from "../actions";

export interface ScoringDefaults {
  direction: string;
  method: string;
  min: string;
  max: string;
  missingRule: string;
  minimumAnswered: string;
  bands: { from: string; to: string; label: string }[];
  rciSource: string;
  rciR: string;
  rciSd: string;
  rciCitation: string;
  criticalItem: string;
  criticalAnswers: string;
  criticalMessage: string;
}

function listOf(state: FormState, name: string): string[] | null {
  const v = state.values?.[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? v : [v];
}

/** A plain form that writes the scoring extension: direction, range, missing rule, bands, reliability. */
export function ScoringForm({ instrumentId, defaults, choiceItems, scoredItems }: { instrumentId: string; defaults: ScoringDefaults; choiceItems: { linkId: string; text: string }[]; scoredItems: number }) {
  const [state, action] = useActionState(setScoringAction, idleState);
  const v = (name: keyof ScoringDefaults & string) => valueOf(state, name, String(defaults[name]));
  const [rule, setRule] = useState(defaults.missingRule);
  const errors = state.fieldErrors ?? {};
  const from = listOf(state, "bandFrom") ?? defaults.bands.map((b) => b.from);
  const to = listOf(state, "bandTo") ?? defaults.bands.map((b) => b.to);
  const label = listOf(state, "bandLabel") ?? defaults.bands.map((b) => b.label);
  const rows = Math.max(4, from.length + 1);
  return (
    <form action={action} className="space-y-6" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      <input type="hidden" name="instrumentId" value={instrumentId} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Total</legend>
        <SelectField name="direction" label="Which way is better?" required defaultValue={v("direction")} errors={errors.direction}>
          <option value="higher_is_worse">A higher total is worse</option>
          <option value="higher_is_better">A higher total is better</option>
        </SelectField>
        <SelectField name="method" label="How the total is made" required defaultValue={v("method")} errors={errors.method}>
          <option value="sum">Sum of the answer weights</option>
          <option value="mean">Mean of the answer weights</option>
        </SelectField>
        <TextField name="min" label="Lowest possible total" inputMode="decimal" required defaultValue={v("min")} errors={errors.min} />
        <TextField name="max" label="Highest possible total" inputMode="decimal" required defaultValue={v("max")} errors={errors.max} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Missing answers</legend>
        <SelectField name="missingRule" label="When a question is not answered" required value={rule} onChange={(e) => setRule(e.target.value)} errors={errors.missingRule}>
          <option value="invalid">There is no total</option>
          <option value="prorate">Scale the total up from the answered questions</option>
        </SelectField>
        {rule === "prorate" ? (
          <TextField
            name="minimumAnswered"
            label="Least answers needed to scale up"
            inputMode="numeric"
            hint={`Out of ${scoredItems} scored questions.`}
            required
            defaultValue={v("minimumAnswered")}
            errors={errors.minimumAnswered}
          />
        ) : null}
      </fieldset>

      <fieldset aria-describedby={errors.bands ? "bands-error" : undefined}>
        <legend className="text-sm font-semibold">Bands</legend>
        <p className="mb-2 text-xs text-muted">Each band runs from its first number up to (not including) the next band’s; the last includes its end. Leave unused rows empty.</p>
        <div className="grid max-w-xl grid-cols-[6rem_6rem_1fr] gap-x-2 gap-y-2">
          <span aria-hidden="true" className="text-xs font-medium text-muted">From</span>
          <span aria-hidden="true" className="text-xs font-medium text-muted">To</span>
          <span aria-hidden="true" className="text-xs font-medium text-muted">Label</span>
          {Array.from({ length: rows }, (_, i) =>
            (
              [
                ["bandFrom", "from", from[i], "decimal"],
                ["bandTo", "to", to[i], "decimal"],
                ["bandLabel", "label", label[i], "text"],
              ] as const
            ).map(([name, word, value, mode]) => (
              <label key={`${name}-${i}`}>
                <span className="sr-only">{`Band ${i + 1} ${word}`}</span>
                <input name={name} inputMode={mode} defaultValue={value ?? ""} aria-invalid={errors.bands ? true : undefined} className={inputClass} />
              </label>
            )),
          )}
        </div>
        <FieldError id="bands-error" errors={errors.bands} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Reliability, for the reliable change index</legend>
        <SelectField name="rciSource" label="Where these come from" required defaultValue={v("rciSource")} errors={errors.rciSource} className="sm:col-span-2">
          <option value="published">Published values (the instrument’s manual)</option>
          <option value="organisation">Our organisation’s data, once 30 baselines exist (these values until then)</option>
        </SelectField>
        <TextField name="rciR" label="Reliability (r, 0 to below 1)" inputMode="decimal" required defaultValue={v("rciR")} errors={errors.rciR} />
        <TextField name="rciSd" label="Standard deviation of totals" inputMode="decimal" required defaultValue={v("rciSd")} errors={errors.rciSd} />
        <TextField name="rciCitation" label="Source (citation)" required defaultValue={v("rciCitation")} errors={errors.rciCitation} className="sm:col-span-2" />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Critical answer (optional)</legend>
        <SelectField name="criticalItem" label="Question" defaultValue={v("criticalItem")} placeholder="None" errors={errors.criticalItem}>
          {choiceItems.map((i) => (
            <option key={i.linkId} value={i.linkId}>
              {i.linkId}: {i.text.slice(0, 60)}
            </option>
          ))}
        </SelectField>
        <TextField name="criticalAnswers" label="Answer codes that raise an alert" hint="Separated by commas, as listed in the table above." defaultValue={v("criticalAnswers")} errors={errors.criticalAnswers} />
        <TextAreaField name="criticalMessage" label="Message for the counselor" rows={2} defaultValue={v("criticalMessage")} errors={errors.criticalMessage} className="sm:col-span-2" />
      </fieldset>

      {errors.scoring?.length ? (
        <div role="alert" className="rounded-md border border-danger/30 bg-danger-bg px-3 py-2 text-sm text-danger">
          <p className="font-medium">Problems found</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.scoring.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <SubmitButton pendingLabel="Checking…">Save scoring</SubmitButton>
    </form>
  );
}
