"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { refitExpectedRecoveryAction } from "../actions";

/** "Refit now" for one check-in: fits while the administrator waits (seconds on a large organisation). */
export function RefitForm({ canonical, title }: { canonical: string; title: string }) {
  const [state, action] = useActionState(refitExpectedRecoveryAction, idleState);
  return (
    <form action={action} className="space-y-1" noValidate>
      <input type="hidden" name="instrument" value={canonical} />
      <SubmitButton variant="secondary" pendingLabel="Fitting…">
        Refit now<span className="sr-only"> for {title}</span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
