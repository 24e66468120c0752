"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { refitExpectedRecoveryAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("expectedRecoveryClient");

/** "Refit now" for one check-in: fits while the administrator waits (seconds on a large organisation). */
export function RefitForm({ canonical, title }: { canonical: string; title: string }) {
  const [state, action] = useActionState(refitExpectedRecoveryAction, idleState);
  return (
    <form action={action} className="space-y-1" noValidate>
      <input type="hidden" name="instrument" value={canonical} />
      <SubmitButton variant="secondary" pendingLabel={t("fitting")}>
        {t.rich("refitNow", { title, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
