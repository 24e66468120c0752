"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton, useIdempotencyKey, valueOf } from "@/components/ui/form";
import { SelectField, TextAreaField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { createAssignmentAction } from "../actions";
import { CadenceFieldset } from "@/scheduling/components/cadence-fieldset";
import { staffText } from "@/i18n/staff";

const t = staffText("assignments");

interface Props {
  clientId: string;
  today: string;
  exercises: { id: string; title: string; audience: "client" | "family"; minutes: number }[];
  contacts: { id: string; name: string; relationship: string }[];
}

export function AssignForm({ clientId, today, exercises, contacts }: Props) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(createAssignmentAction, idleState);
  const [key, renewKey] = useIdempotencyKey();
  const [seenAt, setSeenAt] = useState<number | undefined>();
  if (state.status === "success" && state.at !== seenAt) {
    setSeenAt(state.at);
    renewKey();
    setOpen(false);
  }
  if (!open) {
    return (
      <div className="space-y-2">
        {state.status === "success" ? <FormMessage state={state} /> : null}
        <Button onClick={() => setOpen(true)}>{t("assignAnExercise")}</Button>
      </div>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="_idempotency" value={key} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="exerciseId" label={t("exercise")} required placeholder={t("choose")} defaultValue={valueOf(state, "exerciseId")} errors={errors.exerciseId}>
          <optgroup label={t("forTheClient")}>
            {exercises.filter((e) => e.audience === "client").map((e) => (
              <option key={e.id} value={e.id}>
                {t("exerciseOption", { title: e.title, minutes: String(e.minutes) })}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("forAFamilyMember")}>
            {exercises.filter((e) => e.audience === "family").map((e) => (
              <option key={e.id} value={e.id}>
                {t("exerciseOption", { title: e.title, minutes: String(e.minutes) })}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <SelectField name="assignee" label={t("whoDoesIt")} required defaultValue={valueOf(state, "assignee", "client")} errors={errors.assignee}>
          <option value="client">{t("theClient")}</option>
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.relationship})
            </option>
          ))}
        </SelectField>
        <CadenceFieldset state={state} today={today} />
        <TextAreaField name="instructions" label={t("instructionsForThePerson")} rows={2} defaultValue={valueOf(state, "instructions")} errors={errors.instructions} className="sm:col-span-2" />
      </div>
      {errors.confirmDuplicate ? (
        <div className="rounded-md border border-warn/40 bg-warn-bg p-3 text-sm">
          <p id="confirm-duplicate-reason">{errors.confirmDuplicate[0]}</p>
          <label className="mt-2 flex items-center gap-2 font-medium">
            <input type="checkbox" name="confirmDuplicate" value="yes" aria-describedby="confirm-duplicate-reason" />
            {t("confirmDuplicate")}
          </label>
        </div>
      ) : null}
      <div className="flex gap-2">
        <SubmitButton>{t("assign")}</SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
