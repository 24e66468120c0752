"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton, TextField, useIdempotencyKey, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import type { FormState } from "@/lib/form-state";
import { idleState } from "@/lib/form-state";
import { focusLabels, statusLabels } from "../schemas";
import { staffText } from "@/i18n/staff";

const t = staffText("clientForm");

export interface ClientFormDefaults {
  clientId?: string;
  version?: number;
  name: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  recordNumber: string;
  recoveryFocus: string;
  status: string;
  primaryCounselorId: string;
  careTeam: string[];
  tags: string;
  startDate: string;
  timeZone: string;
  language: string;
  country: string;
}

interface Props {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  defaults: ClientFormDefaults;
  counselors: { id: string; name: string; assignable: boolean }[];
  timeZones: string[];
  /** The portal languages shipped, and the countries (for crisis lines), as select options. */
  languages: { value: string; label: string }[];
  countries: { value: string; label: string }[];
  submitLabel: string;
}

function listOf(state: FormState, name: string, fallback: string[]): string[] {
  const v = state.values?.[name];
  if (state.values === undefined) return fallback;
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export function ClientForm({ action, defaults, counselors, timeZones, languages, countries, submitLabel }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const [key] = useIdempotencyKey();
  const errors = state.fieldErrors ?? {};
  const v = (name: keyof ClientFormDefaults) => valueOf(state, name, String(defaults[name] ?? ""));
  const careTeam = listOf(state, "careTeam", defaults.careTeam);
  return (
    <form action={formAction} className="space-y-6" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      {defaults.clientId ? (
        <>
          <input type="hidden" name="clientId" value={defaults.clientId} />
          <input type="hidden" name="version" value={defaults.version} />
        </>
      ) : (
        <input type="hidden" name="_idempotency" value={key} />
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-ink">{t("identity")}</legend>
        <TextField name="name" label={t("fullName")} required autoComplete="off" defaultValue={v("name")} errors={errors.name} />
        <TextField name="preferredName" label={t("preferredName")} hint={t("preferredNameHint")} defaultValue={v("preferredName")} errors={errors.preferredName} />
        <TextField name="pronouns" label={t("pronouns")} placeholder={t("pronounsPlaceholder")} defaultValue={v("pronouns")} errors={errors.pronouns} />
        <TextField name="dateOfBirth" label={t("dateOfBirth")} type="date" defaultValue={v("dateOfBirth")} errors={errors.dateOfBirth} />
        <TextField name="recordNumber" label={t("recordNumber")} required hint={t("uniqueInYourOrganisation")} defaultValue={v("recordNumber")} errors={errors.recordNumber} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-ink">{t("treatment")}</legend>
        <SelectField name="recoveryFocus" label={t("recoveryFocus")} required defaultValue={v("recoveryFocus")} errors={errors.recoveryFocus} placeholder={t("choose")}>
          {Object.entries(focusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField name="status" label={t("status")} required defaultValue={v("status")} errors={errors.status}>
          {(["intake", "active", "on_hold"] as const).map((value) => (
            <option key={value} value={value}>
              {statusLabels[value]}
            </option>
          ))}
        </SelectField>
        <TextField name="startDate" label={t("startDate")} type="date" required defaultValue={v("startDate")} errors={errors.startDate} />
        <SelectField name="timeZone" label={t("timeZone")} required hint={t("timeZoneHint")} defaultValue={v("timeZone")} errors={errors.timeZone}>
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <SelectField name="language" label={t("portalLanguage")} required hint={t("portalLanguageHint")} defaultValue={v("language")} errors={errors.language}>
          {languages.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </SelectField>
        <SelectField name="country" label={t("country")} hint={t("countryHint")} defaultValue={v("country")} errors={errors.country}>
          <option value="">{t("notRecorded")}</option>
          {countries.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <TextField name="tags" label={t("tags")} hint={t("tagsHint")} defaultValue={v("tags")} errors={errors.tags} className="sm:col-span-2" />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-ink">{t("careTeam")}</legend>
        <SelectField name="primaryCounselorId" label={t("primaryCounselor")} required defaultValue={v("primaryCounselorId")} errors={errors.primaryCounselorId}>
          {counselors
            .filter((c) => c.assignable || c.id === defaults.primaryCounselorId)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </SelectField>
        <div role="group" data-field="careTeam" aria-labelledby="care-team-label" aria-describedby={errors.careTeam ? "care-team-error" : undefined}>
          <p id="care-team-label" className="text-sm font-medium text-ink">
            {t("alsoOnTheCareTeam")}
          </p>
          <div className="mt-1 max-h-44 space-y-1 overflow-y-auto rounded-md border border-line bg-white p-2">
            {counselors.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="careTeam" value={c.id} defaultChecked={careTeam.includes(c.id)} className="h-4 w-4" />
                {c.name}
              </label>
            ))}
          </div>
          <FieldError id="care-team-error" errors={errors.careTeam} />
        </div>
      </fieldset>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
