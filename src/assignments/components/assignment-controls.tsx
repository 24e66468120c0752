"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { changeAssignmentAction } from "../actions";
import { staffText } from "@/i18n/staff";

const t = staffText("assignments");

export function AssignmentControls({ clientId, assignmentId, version, status, title }: { clientId: string; assignmentId: string; version: number; status: "active" | "paused" | "ended"; title: string }) {
  const [state, action] = useActionState(changeAssignmentAction, idleState);
  if (status === "ended") return null;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="version" value={version} />
      {status === "active" ? (
        <button type="submit" name="change" value="pause" className="rounded-md border border-line bg-white px-2.5 py-1 text-sm hover:bg-canvas" aria-label={t("pauseTitle", { title })}>
          {t("pause")}
        </button>
      ) : (
        <button type="submit" name="change" value="resume" className="rounded-md border border-line bg-white px-2.5 py-1 text-sm hover:bg-canvas" aria-label={t("resumeTitle", { title })}>
          {t("resume")}
        </button>
      )}
      <button type="submit" name="change" value="end" className="rounded-md border border-danger/40 bg-white px-2.5 py-1 text-sm text-danger hover:bg-danger-bg" aria-label={t("endTitle", { title })}>
        {t("end")}
      </button>
      {state.status === "error" ? <FormMessage state={state} /> : null}
    </form>
  );
}
