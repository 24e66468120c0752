"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import type { PaperSize } from "@/db/schema";
import { paperSizeLabels } from "../paper-size-labels";
import { setPaperSizeAction } from "../paper-size-actions";
import { staffText } from "@/i18n/staff";

const t = staffText("reports");

/** The administrator's choice of paper for every PDF progress report of the organisation. */
export function PaperSizeForm({ current }: { current: PaperSize }) {
  const [state, action] = useActionState(setPaperSizeAction, idleState);
  return (
    <form action={action} className="max-w-md space-y-3" noValidate>
      <SelectField key={current} name="paperSize" label={t("paperSizeLabel")} defaultValue={current} errors={state.fieldErrors?.paperSize} hint={t("paperSizeHint")}>
        {(Object.keys(paperSizeLabels) as PaperSize[]).map((k) => (
          <option key={k} value={k}>
            {paperSizeLabels[k]}
          </option>
        ))}
      </SelectField>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("savePaperSize")}
      </SubmitButton>
    </form>
  );
}
