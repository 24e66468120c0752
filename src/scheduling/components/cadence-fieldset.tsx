"use client";

import { useId, useState } from "react";
import { FieldError, TextField, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import type { FormState } from "@/lib/form-state";
import { cadenceLabels, weekdayLabels } from "../labels";
import { staffText } from "@/i18n/staff";

const t = staffText("scheduling");

interface Props {
  /** The form's last state: its values are shown again after a refused submission. */
  state: FormState;
  /** The first day offered when the form opens (the client's today). */
  today: string;
  /** A field laid out beside "How often" (the grid has two columns). */
  beside?: React.ReactNode;
  defaultCadence?: keyof typeof cadenceLabels;
}

/**
 * How often, which weekdays, first and last day: the fields of `cadenceFields`, for a form in a
 * two-column grid. Render it inside the form that is re-keyed on each submission: everything the
 * person chose, the ticked weekdays included, comes back from `state.values`.
 */
export function CadenceFieldset({ state, today, beside, defaultCadence = "weekly" }: Props) {
  const [cadence, setCadence] = useState(() => valueOf(state, "cadence", defaultCadence));
  const errorId = `${useId()}-weekdays-error`;
  const errors = state.fieldErrors ?? {};
  const days = state.values?.weekdays;
  const chosenDays = Array.isArray(days) ? days : days ? [days] : [];
  return (
    <>
      <SelectField name="cadence" label={t("howOften")} required value={cadence} onChange={(e) => setCadence(e.target.value)} errors={errors.cadence}>
        {Object.entries(cadenceLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {beside ?? <div />}
      {cadence === "weekdays" ? (
        <fieldset data-field="weekdays" aria-describedby={errors.weekdays ? errorId : undefined} className="sm:col-span-2">
          <legend className="text-sm font-medium">{t("weekdays")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {weekdayLabels.map((label, day) => (
              <label key={label} className="flex items-center gap-1 rounded border border-line bg-white px-2 py-1 text-sm">
                <input type="checkbox" name="weekdays" value={day} defaultChecked={chosenDays.includes(String(day))} />
                {label}
              </label>
            ))}
          </div>
          <FieldError id={errorId} errors={errors.weekdays} />
        </fieldset>
      ) : null}
      <TextField name="startDate" label={t("firstDay")} type="date" required defaultValue={valueOf(state, "startDate", today)} errors={errors.startDate} />
      <TextField name="endDate" label={t("lastDay")} type="date" hint={t("optional")} defaultValue={valueOf(state, "endDate")} errors={errors.endDate} />
    </>
  );
}
