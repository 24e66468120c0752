"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { shareSummaryAction, withdrawSummaryAction } from "../summary-actions";
import { staffText } from "@/i18n/staff";

const t = staffText("reports");

/** Show the period's summary in the client's portal, or stop showing it. Both are audited. */
export function SummaryShareForms({ clientId, from, to, shared }: { clientId: string; from: string; to: string; shared: boolean }) {
  const [shareState, share] = useActionState(shareSummaryAction, idleState);
  const [withdrawState, withdraw] = useActionState(withdrawSummaryAction, idleState);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={share}>
          <input type="hidden" name="clientId" value={clientId} />
          <input type="hidden" name="from" value={from} />
          <input type="hidden" name="to" value={to} />
          <SubmitButton variant="secondary" pendingLabel={t("sharing")}>
            {shared ? t("showThisPeriodInstead") : t("showInClientPortal")}
          </SubmitButton>
        </form>
        {shared ? (
          <form action={withdraw}>
            <input type="hidden" name="clientId" value={clientId} />
            <SubmitButton variant="danger" pendingLabel="…">
              {t("stopShowingIt")}
            </SubmitButton>
          </form>
        ) : null}
      </div>
      <FormMessage state={withdrawState.at && (!shareState.at || withdrawState.at > shareState.at) ? withdrawState : shareState} />
    </div>
  );
}
