"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton, TextField, useIdempotencyKey, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import type { FormState } from "@/lib/form-state";
import { idleState } from "@/lib/form-state";
import { focusLabels, statusLabels } from "../schemas";

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
        <legend className="mb-2 text-sm font-semibold text-ink">Identity</legend>
        <TextField name="name" label="Full name" required autoComplete="off" defaultValue={v("name")} errors={errors.name} />
        <TextField name="preferredName" label="Preferred name" hint="Shown instead of the full name where it appears." defaultValue={v("preferredName")} errors={errors.preferredName} />
        <TextField name="pronouns" label="Pronouns" placeholder="e.g. she/her" defaultValue={v("pronouns")} errors={errors.pronouns} />
        <TextField name="dateOfBirth" label="Date of birth" type="date" defaultValue={v("dateOfBirth")} errors={errors.dateOfBirth} />
        <TextField name="recordNumber" label="Record number" required hint="Unique in your organisation." defaultValue={v("recordNumber")} errors={errors.recordNumber} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-ink">Treatment</legend>
        <SelectField name="recoveryFocus" label="Recovery focus" required defaultValue={v("recoveryFocus")} errors={errors.recoveryFocus} placeholder="Choose…">
          {Object.entries(focusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField name="status" label="Status" required defaultValue={v("status")} errors={errors.status}>
          {(["intake", "active", "on_hold"] as const).map((value) => (
            <option key={value} value={value}>
              {statusLabels[value]}
            </option>
          ))}
        </SelectField>
        <TextField name="startDate" label="Start date" type="date" required defaultValue={v("startDate")} errors={errors.startDate} />
        <SelectField name="timeZone" label="Time zone" required hint="Due dates and reminders follow the client's own day." defaultValue={v("timeZone")} errors={errors.timeZone}>
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <SelectField name="language" label="Portal language" required hint="The client's portal, exercises and check-ins appear in this language." defaultValue={v("language")} errors={errors.language}>
          {languages.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </SelectField>
        <SelectField name="country" label="Country" hint="Chooses the crisis lines the portal shows. Blank: taken from the time zone." defaultValue={v("country")} errors={errors.country}>
          <option value="">Not recorded</option>
          {countries.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <TextField name="tags" label="Tags" hint="Separate with commas, e.g. evening group, veteran. Plain words: letters, numbers, spaces, - and _ (no emoji)." defaultValue={v("tags")} errors={errors.tags} className="sm:col-span-2" />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-ink">Care team</legend>
        <SelectField name="primaryCounselorId" label="Primary counselor" required defaultValue={v("primaryCounselorId")} errors={errors.primaryCounselorId}>
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
            Also on the care team
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
