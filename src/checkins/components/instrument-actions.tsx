"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { publishInstrumentAction, retireInstrumentAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("instrumentsClient");

export function PublishButton({ instrumentId, ready }: { instrumentId: string; ready: boolean }) {
  const [state, action] = useActionState(publishInstrumentAction, idleState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="instrumentId" value={instrumentId} />
      <FormMessage state={state} />
      {ready ? <SubmitButton pendingLabel={t("publishing")}>{t("publishForTheOrganisation")}</SubmitButton> : <p className="text-sm text-muted">{t("publishingNotYetPossible")}</p>}
    </form>
  );
}

export function RetireButton({ instrumentId }: { instrumentId: string }) {
  const [state, action] = useActionState(retireInstrumentAction, idleState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="instrumentId" value={instrumentId} />
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={t("retiring")}>
        {t("retireThisVersion")}
      </SubmitButton>
    </form>
  );
}
