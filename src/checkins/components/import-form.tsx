"use client";

import { useActionState, useId, useState } from "react";
import { FieldError, FormMessage, inputClass, SubmitButton } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import { idleState } from "@/lib/form-state";
import { uploadInstrumentAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("instrumentsClient");

/** Paste a Questionnaire's JSON or choose its file; the file is read here and sent as text. */
export function ImportForm() {
  const [state, action] = useActionState(uploadInstrumentAction, idleState);
  const [text, setText] = useState("");
  const [fileNote, setFileNote] = useState<string | null>(null);
  const id = useId();
  const errors = state.fieldErrors?.json;
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setFileNote(t("fileLoaded", { name: file.name, size: String(Math.round(file.size / 1024) || 1) }));
  };
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium">
          {t("questionnaireFile")}
        </label>
        <input id={`${id}-file`} type="file" accept=".json,application/json,application/fhir+json" onChange={(e) => void onFile(e.target.files?.[0])} className="mt-1 block text-sm text-muted file:mr-3 file:rounded-md file:border file:border-line file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-ink hover:file:bg-canvas" />
        {fileNote ? (
          <p className="mt-1 text-xs text-muted" role="status">
            {fileNote}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={`${id}-json`} className="block text-sm font-medium">
          {t("orPasteJson")}
        </label>
        <textarea
          id={`${id}-json`}
          name="json"
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${id}-error` : undefined}
          className={cn(inputClass, "mt-1 font-mono text-xs")}
        />
        {errors && errors.length > 1 ? (
          <ul id={`${id}-error`} className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-danger">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : (
          <FieldError id={`${id}-error`} errors={errors} />
        )}
      </div>
      <SubmitButton pendingLabel={t("reading")}>{t("readQuestionnaire")}</SubmitButton>
    </form>
  );
}
