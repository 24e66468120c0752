"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { ExerciseFields, type DraftAnswers } from "@/exercises/components/exercise-fields";
import type { ExerciseDefinition } from "@/exercises/schemas";
import { idleState } from "@/lib/form-state";
import { submitPortalEntryAction } from "../actions";
import { clearDraft, loadDraft, saveDraft } from "./draft-crypto";

type Draft = { answers: DraftAnswers; key: string };

const newKey = () => crypto.randomUUID().replaceAll("-", "");

export function PortalExerciseForm({ token, assignmentId, definition, draftKey }: { token: string; assignmentId: string; definition: Pick<ExerciseDefinition, "fields">; draftKey: string }) {
  const t = useTranslations("form");
  const storageKey = `attune-draft:${assignmentId}`;
  const [answers, setAnswers] = useState<DraftAnswers>({});
  // The submission key is kept with the draft: a retry after a reload still saves once.
  const [submissionKey, setSubmissionKey] = useState<string>("");
  const [restored, setRestored] = useState<"none" | "restored">("none");
  const [state, action] = useActionState(submitPortalEntryAction, idleState);
  const loaded = useRef(false);

  useEffect(() => {
    let cancelled = false;
    void loadDraft<Draft>(storageKey, draftKey).then((draft) => {
      if (cancelled) return;
      if (draft) {
        setAnswers(draft.answers);
        setSubmissionKey(draft.key);
        setRestored("restored");
      } else setSubmissionKey(newKey());
      loaded.current = true;
    });
    return () => {
      cancelled = true;
    };
  }, [storageKey, draftKey]);

  useEffect(() => {
    if (!loaded.current || state.status === "success") return;
    const timer = window.setTimeout(() => void saveDraft(storageKey, draftKey, { answers, key: submissionKey }), 400);
    return () => window.clearTimeout(timer);
  }, [answers, submissionKey, storageKey, draftKey, state.status]);

  useEffect(() => {
    if (state.status === "success") clearDraft(storageKey);
  }, [state.status, state.at, storageKey]);

  if (state.status === "success") {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        <a href={`/p/${token}`} className="inline-block rounded-md border border-line bg-white px-4 py-3 text-base font-medium">
          {t("backToday")}
        </a>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-6" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="idempotencyKey" value={submissionKey} />
      <input type="hidden" name="answers" value={JSON.stringify(answers)} />
      {restored === "restored" ? (
        <p role="status" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800">
          {t("restored")}
        </p>
      ) : null}
      <ExerciseFields definition={definition} answers={answers} errors={state.fieldErrors} onChange={(id, v) => setAnswers((a) => ({ ...a, [id]: v }))} />
      <SubmitButton pendingLabel={t("saving")} className="w-full py-3 text-base">
        {t("save")}
      </SubmitButton>
    </form>
  );
}
