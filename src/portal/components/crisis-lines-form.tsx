"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { setCrisisLinesAction } from "../crisis-actions";

type Line = { name: string; contact: string; hours: string };

/** Up to three crisis lines for one country, in the order the portal shows them. Blank rows are dropped. */
export function CrisisLinesForm({ country, countryName, lines }: { country: string; countryName: string; lines: Line[] }) {
  const [state, action] = useActionState(setCrisisLinesAction, idleState);
  const errors = state.fieldErrors ?? {};
  const value = (name: string, fallback: string) => (state.values?.[name] as string | undefined) ?? fallback;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="country" value={country} />
      {[1, 2, 3].map((i) => {
        const l = lines[i - 1] ?? { name: "", contact: "", hours: "" };
        return (
          <fieldset key={`${country}-${i}`} className="grid gap-3 rounded-md border border-line p-3 sm:grid-cols-3">
            <legend className="px-1 text-sm font-semibold">
              Line {i} for {countryName}
            </legend>
            <TextField name={`name${i}`} label="Name" defaultValue={value(`name${i}`, l.name)} errors={errors[`name${i}`]} />
            <TextField name={`contact${i}`} label="How to reach it" hint="As the client should read it, e.g. “Call or text 988”." defaultValue={value(`contact${i}`, l.contact)} errors={errors[`contact${i}`]} />
            <TextField name={`hours${i}`} label="Hours" hint="Optional, e.g. “24 hours a day”." defaultValue={value(`hours${i}`, l.hours)} errors={errors[`hours${i}`]} />
          </fieldset>
        );
      })}
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Saving…">Save crisis lines for {countryName}</SubmitButton>
    </form>
  );
}
