"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton, useIdempotencyKey } from "@/components/ui/form";
import { TextAreaField } from "@/components/ui/select-field";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { addAddendumAction, cosignNoteAction } from "../actions";
import { LIMITS } from "../schemas";

const t = staffText("notes");

/** A correction to a signed note, signed as it is added; the original stays as it was. */
export function AddendumForm({ clientId, noteId, group }: { clientId: string; noteId: string; group: boolean }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(addAddendumAction, idleState);
  const [key, renewKey] = useIdempotencyKey();
  const [lastAt, setLastAt] = useState<number | undefined>(undefined);
  if (state.status === "success" && state.at !== lastAt) {
    setLastAt(state.at);
    renewKey();
    setOpen(false);
  }
  if (!open) {
    return (
      <div className="space-y-3">
        {state.status === "success" ? <FormMessage state={state} /> : null}
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t("addAddendumOpen")}
        </Button>
      </div>
    );
  }
  const text = typeof state.values?.text === "string" ? state.values.text : "";
  return (
    <form action={action} className="space-y-3 rounded-md border border-line bg-canvas p-4" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      <h3 className="text-sm font-semibold">{t("addAddendumTitle")}</h3>
      <p className="text-sm text-muted">
        {t("addendumIntro")}
        {group ? t("addendumIntroGroup") : ""}
      </p>
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="noteId" value={noteId} />
      <input type="hidden" name="_idempotency" value={key} />
      <TextAreaField name="text" label={t("addendum")} required rows={4} maxLength={LIMITS.addendum} defaultValue={text} errors={state.fieldErrors?.text} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingLabel={t("signing")}>{t("signAddendum")}</SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** The supervisor's co-signature: once, for good. */
export function CosignForm({ clientId, noteId, authorName }: { clientId: string; noteId: string; authorName: string }) {
  const [state, action] = useActionState(cosignNoteAction, idleState);
  if (state.status === "success") return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-3 rounded-md border border-brand-100 bg-brand-50 p-4" noValidate>
      <FormMessage state={state} />
      <h3 className="text-sm font-semibold">{t("cosignatureTitle")}</h3>
      <p className="text-sm text-ink">
        {t("cosignIntroForm", { author: authorName })}
      </p>
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="noteId" value={noteId} />
      <SubmitButton pendingLabel={t("cosigning")}>{t("cosignNote")}</SubmitButton>
    </form>
  );
}
