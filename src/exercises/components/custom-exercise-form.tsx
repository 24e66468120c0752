"use client";

import { useActionState, useState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { TextAreaField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { addCustomExerciseAction } from "../actions";
import type { ExerciseDefinition } from "../schemas";
import { ExercisePreview } from "./exercise-preview";
import { Guidance } from "./guidance";
import { staffText } from "@/i18n/staff";

const t = staffText("customExercise");

export function CustomExerciseForm({ example }: { example: string }) {
  const [state, action] = useActionState(addCustomExerciseAction, idleState);
  const [text, setText] = useState(example);
  const checked = state.status === "success" && state.values?.text === text ? (state.data as ExerciseDefinition) : null;
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4">
        <FormMessage state={state} />
        <TextAreaField
          name="text"
          label={t("exerciseFile")}
          hint={t("exerciseFileHint")}
          rows={18}
          value={text}
          onChange={(e) => setText(e.target.value)}
          errors={state.fieldErrors?.text}
          className="font-mono"
        />
        <div className="flex gap-2">
          <input type="hidden" name="intent" value="preview" />
          <SubmitButton variant="secondary" pendingLabel={t("checking")}>
            {t("checkAndPreview")}
          </SubmitButton>
        </div>
      </form>
      {checked ? (
        <section aria-labelledby="preview-title" className="space-y-4 rounded-lg border border-line bg-white p-5">
          <h2 id="preview-title" className="text-lg font-semibold">
            {t("previewTitle", { title: checked.title })}
          </h2>
          <Guidance blocks={checked.guidance} />
          <ExercisePreview definition={checked} />
          <form action={action}>
            <input type="hidden" name="text" value={text} />
            <input type="hidden" name="intent" value="save" />
            <SubmitButton pendingLabel={t("adding")}>{t("addToTheLibrary")}</SubmitButton>
          </form>
        </section>
      ) : null}
    </div>
  );
}
