"use client";

import { useActionState, useState } from "react";
import { FieldError, FormMessage, inputClass, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField, TextAreaField } from "@/components/ui/select-field";
import type { FormState } from "@/lib/form-state";
import { idleState } from "@/lib/form-state";
import { setScoringAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("scoring");

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
        <legend className="mb-2 text-sm font-semibold">{t("total")}</legend>
        <SelectField name="direction" label={t("whichWayIsBetter")} required defaultValue={v("direction")} errors={errors.direction}>
          <option value="higher_is_worse">{t("aHigherTotalIsWorse")}</option>
          <option value="higher_is_better">{t("aHigherTotalIsBetter")}</option>
        </SelectField>
        <SelectField name="method" label={t("howTheTotalIsMade")} required defaultValue={v("method")} errors={errors.method}>
          <option value="sum">{t("sumOfTheAnswerWeights")}</option>
          <option value="mean">{t("meanOfTheAnswerWeights")}</option>
        </SelectField>
        <TextField name="min" label={t("lowestPossibleTotal")} inputMode="decimal" required defaultValue={v("min")} errors={errors.min} />
        <TextField name="max" label={t("highestPossibleTotal")} inputMode="decimal" required defaultValue={v("max")} errors={errors.max} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("missingAnswers")}</legend>
        <SelectField name="missingRule" label={t("whenQuestionNotAnswered")} required value={rule} onChange={(e) => setRule(e.target.value)} errors={errors.missingRule}>
          <option value="invalid">{t("thereIsNoTotal")}</option>
          <option value="prorate">{t("scaleTheTotalUpFrom")}</option>
        </SelectField>
        {rule === "prorate" ? (
          <TextField
            name="minimumAnswered"
            label={t("leastAnswersNeededToScale")}
            inputMode="numeric"
            hint={t("outOfScoredQuestions", { count: String(scoredItems) })}
            required
            defaultValue={v("minimumAnswered")}
            errors={errors.minimumAnswered}
          />
        ) : null}
      </fieldset>

      <fieldset aria-describedby={errors.bands ? "bands-error" : undefined}>
        <legend className="text-sm font-semibold">{t("bands")}</legend>
        <p className="mb-2 text-xs text-muted">{t("bandsHint")}</p>
        <div className="grid max-w-xl grid-cols-[6rem_6rem_1fr] gap-x-2 gap-y-2">
          <span aria-hidden="true" className="text-xs font-medium text-muted">{t("from")}</span>
          <span aria-hidden="true" className="text-xs font-medium text-muted">{t("to")}</span>
          <span aria-hidden="true" className="text-xs font-medium text-muted">{t("label")}</span>
          {Array.from({ length: rows }, (_, i) =>
            (
              [
                ["bandFrom", "bandFromLabel", from[i], "decimal"],
                ["bandTo", "bandToLabel", to[i], "decimal"],
                ["bandLabel", "bandLabelLabel", label[i], "text"],
              ] as const
            ).map(([name, word, value, mode]) => (
              <label key={`${name}-${i}`}>
                <span className="sr-only">{t(word, { band: String(i + 1) })}</span>
                <input name={name} inputMode={mode} defaultValue={value ?? ""} aria-invalid={errors.bands ? true : undefined} className={inputClass} />
              </label>
            )),
          )}
        </div>
        <FieldError id="bands-error" errors={errors.bands} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("reliabilityLegend")}</legend>
        <SelectField name="rciSource" label={t("whereTheseComeFrom")} required defaultValue={v("rciSource")} errors={errors.rciSource} className="sm:col-span-2">
          <option value="published">{t("publishedValues")}</option>
          <option value="organisation">{t("organisationValues")}</option>
        </SelectField>
        <TextField name="rciR" label={t("reliabilityR")} inputMode="decimal" required defaultValue={v("rciR")} errors={errors.rciR} />
        <TextField name="rciSd" label={t("standardDeviationOfTotals")} inputMode="decimal" required defaultValue={v("rciSd")} errors={errors.rciSd} />
        <TextField name="rciCitation" label={t("sourceCitation")} required defaultValue={v("rciCitation")} errors={errors.rciCitation} className="sm:col-span-2" />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("criticalAnswerOptional")}</legend>
        <SelectField name="criticalItem" label={t("question")} defaultValue={v("criticalItem")} placeholder={t("none")} errors={errors.criticalItem}>
          {choiceItems.map((i) => (
            <option key={i.linkId} value={i.linkId}>
              {i.linkId}: {i.text.slice(0, 60)}
            </option>
          ))}
        </SelectField>
        <TextField name="criticalAnswers" label={t("criticalAnswers")} hint={t("criticalAnswersHint")} defaultValue={v("criticalAnswers")} errors={errors.criticalAnswers} />
        <TextAreaField name="criticalMessage" label={t("messageForTheCounselor")} rows={2} defaultValue={v("criticalMessage")} errors={errors.criticalMessage} className="sm:col-span-2" />
      </fieldset>

      {errors.scoring?.length ? (
        <div role="alert" className="rounded-md border border-danger/30 bg-danger-bg px-3 py-2 text-sm text-danger">
          <p className="font-medium">{t("problemsFound")}</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.scoring.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <SubmitButton pendingLabel={t("checking")}>{t("saveScoring")}</SubmitButton>
    </form>
  );
}
