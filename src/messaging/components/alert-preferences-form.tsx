"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { saveAlertPreferencesAction } from "../preference-actions";

const choices = [
  { name: "deterioration", label: "A client's results change for the worse by more than chance would explain" },
  { name: "missedInARow", label: "A client misses two due items in a row" },
  { name: "notOnTrack", label: "A client's latest result first falls behind how clients who started in the same place usually progress (not on track)" },
] as const;

export function AlertPreferencesForm({ values }: { values: Record<(typeof choices)[number]["name"] | "weeklySummary", boolean> }) {
  const [state, action] = useActionState(saveAlertPreferencesAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium">Email me when, for a client I am the primary counselor of:</legend>
        <label className="flex min-h-11 items-center gap-3 rounded-md border border-line bg-canvas px-3 py-2 text-base">
          <input type="checkbox" className="h-5 w-5 accent-brand-600" checked disabled aria-describedby="critical-always" />
          An answer needs review
        </label>
        <p id="critical-always" className="text-sm text-muted">
          Always sent: this one cannot be turned off.
        </p>
        {choices.map((c) => (
          <label key={c.name} className="flex min-h-11 items-center gap-3 rounded-md border border-line bg-white px-3 py-2 text-base has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="checkbox" name={c.name} className="h-5 w-5 accent-brand-600" defaultChecked={values[c.name]} key={`${c.name}-${state.at ?? 0}`} />
            {c.label}
          </label>
        ))}
      </fieldset>
      <label className="flex min-h-11 items-center gap-3 rounded-md border border-line bg-white px-3 py-2 text-base has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
        <input type="checkbox" name="weeklySummary" className="h-5 w-5 accent-brand-600" defaultChecked={values.weeklySummary} key={`weeklySummary-${state.at ?? 0}`} aria-describedby="weekly-summary-hint" />
        A weekly summary of my caseload, on Monday mornings
      </label>
      <p id="weekly-summary-hint" className="text-sm text-muted">
        Counts only (clients in care, check-ins and exercises completed, answers waiting for review), no names.
      </p>
      <p className="text-sm text-muted">Each alert carries only the client&apos;s initials and a link that asks you to sign in.</p>
      <SubmitButton>Save alert choices</SubmitButton>
    </form>
  );
}
