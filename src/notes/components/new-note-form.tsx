"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton, TextField, useIdempotencyKey, valueOf } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { createNoteAction } from "../actions";
import { noteTypeLabels } from "../schemas";

const t = staffText("notes");

const descriptions = {
  individual: t("descriptionIndividual"),
  family_support: t("descriptionFamilySupport"),
  group: t("descriptionGroup"),
} as const;

/** Starts a draft; the note itself is written on the next page, where it saves as you type. */
export function NewNoteForm({ clientId, today, defaultType }: { clientId: string; today: string; defaultType: string }) {
  const [state, action] = useActionState(createNoteAction, idleState);
  const [key] = useIdempotencyKey();
  const errors = state.fieldErrors ?? {};
  const type = valueOf(state, "type", defaultType);
  return (
    <form action={action} className="space-y-6" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="_idempotency" value={key} />
      <input type="hidden" name="attendance" value="attended" />
      <fieldset aria-describedby={errors.type ? "type-error" : undefined}>
        <legend className="text-sm font-medium text-ink">{t("kindOfSession")}</legend>
        <div className="mt-2 grid gap-3 md:grid-cols-3">
          {(Object.keys(noteTypeLabels) as (keyof typeof noteTypeLabels)[]).map((value) => (
            <label key={value} className="flex cursor-pointer gap-3 rounded-md border border-line bg-white p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="type" value={value} defaultChecked={type === value} className="mt-0.5 size-4 accent-brand-600" />
              <span>
                <span className="block font-medium">{noteTypeLabels[value]}</span>
                <span className="mt-0.5 block text-muted">{descriptions[value]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="type-error" errors={errors.type} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2 lg:max-w-xl">
        <TextField name="sessionDate" label={t("sessionDate")} type="date" required defaultValue={valueOf(state, "sessionDate", today)} errors={errors.sessionDate} />
        <TextField name="startTime" label={t("startTime")} type="time" defaultValue={valueOf(state, "startTime")} errors={errors.startTime} />
      </div>
      <SubmitButton pendingLabel={t("starting")}>{t("startWriting")}</SubmitButton>
    </form>
  );
}
