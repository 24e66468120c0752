"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { endScheduleAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

export function EndScheduleButton({ clientId, scheduleId, version, title }: { clientId: string; scheduleId: string; version: number; title: string }) {
  const [state, action] = useActionState(endScheduleAction, idleState);
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="scheduleId" value={scheduleId} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="rounded-md border border-danger/40 bg-white px-2.5 py-1 text-sm text-danger hover:bg-danger-bg" aria-label={t("stopSendingTitle", { title })}>
        {t("stopSending")}
      </button>
      {state.status === "error" ? <FormMessage state={state} /> : null}
    </form>
  );
}
