"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { changeAssignmentAction } from "../actions";

export function AssignmentControls({ clientId, assignmentId, version, status, title }: { clientId: string; assignmentId: string; version: number; status: "active" | "paused" | "ended"; title: string }) {
  const [state, action] = useActionState(changeAssignmentAction, idleState);
  if (status === "ended") return null;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="version" value={version} />
      {status === "active" ? (
        <button type="submit" name="change" value="pause" className="rounded-md border border-line bg-white px-2.5 py-1 text-sm hover:bg-canvas" aria-label={`Pause ${title}`}>
          Pause
        </button>
      ) : (
        <button type="submit" name="change" value="resume" className="rounded-md border border-line bg-white px-2.5 py-1 text-sm hover:bg-canvas" aria-label={`Resume ${title}`}>
          Resume
        </button>
      )}
      <button type="submit" name="change" value="end" className="rounded-md border border-danger/40 bg-white px-2.5 py-1 text-sm text-danger hover:bg-danger-bg" aria-label={`End ${title}`}>
        End
      </button>
      {state.status === "error" ? <FormMessage state={state} /> : null}
    </form>
  );
}
