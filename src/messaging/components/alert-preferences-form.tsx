"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { saveAlertPreferencesAction } from "../preference-actions";

const t = staffText("messaging");

const choices = [
  { name: "deterioration", label: t("alertDeterioration") },
  { name: "missedInARow", label: t("alertMissedInARow") },
  { name: "notOnTrack", label: t("alertNotOnTrack") },
] as const;

export function AlertPreferencesForm({ values }: { values: Record<(typeof choices)[number]["name"] | "weeklySummary", boolean> }) {
  const [state, action] = useActionState(saveAlertPreferencesAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium">{t("alertsLegend")}</legend>
        <label className="flex min-h-11 items-center gap-3 rounded-md border border-line bg-canvas px-3 py-2 text-base">
          <input type="checkbox" className="h-5 w-5 accent-brand-600" checked disabled aria-describedby="critical-always" />
          {t("alertCritical")}
        </label>
        <p id="critical-always" className="text-sm text-muted">
          {t("alertCriticalAlways")}
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
        {t("weeklySummary")}
      </label>
      <p id="weekly-summary-hint" className="text-sm text-muted">
        {t("weeklySummaryHint")}
      </p>
      <p className="text-sm text-muted">{t("alertsPrivacy")}</p>
      <SubmitButton>{t("saveAlerts")}</SubmitButton>
    </form>
  );
}
