"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton, TextField, useIdempotencyKey, valueOf } from "@/components/ui/form";
import { SelectField, TextAreaField } from "@/components/ui/select-field";
import { idleState, type FormState } from "@/lib/form-state";
import { addContactAction, archiveContactAction, recordConsentAction, revokeConsentAction } from "../actions";
import { consentScopeLabels, relationshipLabels } from "../schemas";
import { staffText } from "@/i18n/staff";

const t = staffText("supportNetwork");

function ConsentFields({ state, today }: { state: FormState; today: string }) {
  const errors = state.fieldErrors ?? {};
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField name="scope" label={t("whatMayBeSharedWith")} required defaultValue={valueOf(state, "scope", "nothing")} errors={errors.scope} className="sm:col-span-2">
        {Object.entries(consentScopeLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField name="validFrom" label={t("consentFrom")} type="date" required defaultValue={valueOf(state, "validFrom", today)} errors={errors.validFrom} />
      <TextField name="validUntil" label={t("consentUntil")} type="date" hint={t("leaveEmptyForNoEnd")} defaultValue={valueOf(state, "validUntil")} errors={errors.validUntil} />
      <TextField name="consentNote" label={t("howConsentWasGiven")} hint={t("consentNoteHint")} defaultValue={valueOf(state, "consentNote")} errors={errors.consentNote} className="sm:col-span-2" />
    </div>
  );
}

export function AddContactForm({ clientId, today, languages = [] }: { clientId: string; today: string; languages?: { value: string; label: string }[] }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(addContactAction, idleState);
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
        <Button onClick={() => setOpen(true)}>{t("addContact")}</Button>
      </div>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="_idempotency" value={key} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("name")} required defaultValue={valueOf(state, "name")} errors={errors.name} />
        <SelectField name="relationship" label={t("relationship")} required placeholder={t("choose")} defaultValue={valueOf(state, "relationship")} errors={errors.relationship}>
          {Object.entries(relationshipLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField name="phone" label={t("phone")} type="tel" defaultValue={valueOf(state, "phone")} errors={errors.phone} />
        <TextField name="email" label={t("email")} type="email" defaultValue={valueOf(state, "email")} errors={errors.email} />
        {languages.length > 1 ? (
          <SelectField name="language" label={t("portalLanguage")} hint={t("forTheirOwnPortalLink")} defaultValue={valueOf(state, "language")} errors={errors.language}>
            <option value="">{t("sameAsTheClient")}</option>
            {languages.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </SelectField>
        ) : null}
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="isEmergencyContact" defaultChecked={valueOf(state, "isEmergencyContact") === "on"} className="h-4 w-4" />
          {t("emergencyContact")}
        </label>
        <TextAreaField name="notes" label={t("notes")} rows={2} defaultValue={valueOf(state, "notes")} errors={errors.notes} className="sm:col-span-2" />
      </div>
      <fieldset className="space-y-3 rounded-md border border-line p-4">
        <legend className="px-1 text-sm font-semibold">{t("consent")}</legend>
        <p className="text-xs text-muted">{t("consentIntro")}</p>
        <ConsentFields state={state} today={today} />
      </fieldset>
      <div className="flex gap-2">
        <SubmitButton>{t("addToSupportNetwork")}</SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

export function RecordConsentForm({ clientId, contactId, contactName, today }: { clientId: string; contactId: string; contactName: string; today: string }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(recordConsentAction, idleState);
  if (!open || state.status === "success") {
    return (
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={t("recordNewConsentFor", { name: contactName })}>
        {t("recordNewConsent")}
      </Button>
    );
  }
  return (
    <form action={action} className="space-y-4 rounded-md border border-line bg-canvas p-4" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="contactId" value={contactId} />
      <p className="text-sm text-muted">{t("newConsentHint")}</p>
      <ConsentFields state={state} today={today} />
      <div className="flex gap-2">
        <SubmitButton>{t("recordConsent")}</SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

export function RevokeConsentForm({ clientId, consentId }: { clientId: string; consentId: string }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(revokeConsentAction, idleState);
  if (!open) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        {t("revoke")}
      </Button>
    );
  }
  return (
    <form action={action} className="mt-2 space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="consentId" value={consentId} />
      <TextField name="reason" label={t("whyIsItRevoked")} required errors={state.fieldErrors?.reason} defaultValue={valueOf(state, "reason")} />
      <div className="flex gap-2">
        <SubmitButton variant="danger">{t("revokeConsent")}</SubmitButton>
        <Button variant="secondary" size="sm" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

export function ArchiveContactForm({ clientId, contactId, version, contactName }: { clientId: string; contactId: string; version: number; contactName: string }) {
  const [state, action] = useActionState(archiveContactAction, idleState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(t("confirmRemove", { name: contactName }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="contactId" value={contactId} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton variant="ghost" pendingLabel={t("removing")}>
        {t("remove")}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
