"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import type { ClientStatus, UserStatus } from "@/db/schema";
import { idleState, type FormState } from "@/lib/form-state";
import { deactivateUserAction, reactivateUserAction } from "../admin-actions";
import { ASSIGN_PREFIX, assignField } from "../admin-schemas";

export interface CounselorChoice {
  id: string;
  name: string;
  role: string;
  openClients: number;
}

interface Props {
  user: { id: string; name: string; status: UserStatus; clients: { id: string; recordNumber: string; status: ClientStatus }[] };
  counselors: CounselorChoice[];
  isSelf: boolean;
}

const clientStatusLabels: Record<ClientStatus, string> = { intake: "Intake", active: "Active", on_hold: "On hold", discharged: "Discharged" };

/**
 * Deactivation and reactivation in one place, so the answer of one stays on screen after the
 * page re-renders into the other.
 */
export function AccountStatusForms({ user, counselors, isSelf }: Props) {
  const [deactivated, deactivate] = useActionState(deactivateUserAction, idleState);
  const [reactivated, reactivate] = useActionState(reactivateUserAction, idleState);
  const latest = (reactivated.at ?? 0) > (deactivated.at ?? 0) ? reactivated : deactivated;

  if (user.status === "deactivated") {
    return (
      <form action={reactivate} className="space-y-3" noValidate>
        <input type="hidden" name="userId" value={user.id} />
        <FormMessage state={latest} />
        <p className="text-sm text-muted">
          {user.name} cannot sign in. Reactivating restores their account with its role; clients that were moved stay where they are.
        </p>
        <SubmitButton variant="secondary" pendingLabel="Reactivating…">
          Reactivate {user.name}
        </SubmitButton>
      </form>
    );
  }
  if (isSelf) return <p className="text-sm text-muted">You cannot deactivate your own account. Another administrator can.</p>;
  return <DeactivateForm user={user} counselors={counselors} state={deactivated} action={deactivate} latest={latest} />;
}

function DeactivateForm({ user, counselors, state, action, latest }: Omit<Props, "isSelf"> & { state: FormState; action: (data: FormData) => void; latest: FormState }) {
  const [open, setOpen] = useState(false);
  if (!open && state.status !== "error") {
    return (
      <div className="space-y-3">
        <FormMessage state={latest} />
        <p className="text-sm text-muted">
          {user.name} will be signed out at their next page and will not be able to sign in. Links issued to them stop working.
        </p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Deactivate…
        </Button>
      </div>
    );
  }
  const targets = counselors.filter((c) => c.id !== user.id);
  const options = targets.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name} ({c.role === "supervisor" ? "Supervisor" : "Counselor"}, {c.openClients} open)
    </option>
  ));
  const n = user.clients.length;
  // Open when the per-client choices matter: one was made, or one is missing.
  const perClient =
    Object.keys(state.fieldErrors ?? {}).some((key) => key.startsWith(ASSIGN_PREFIX)) ||
    Object.entries(state.values ?? {}).some(([key, value]) => key.startsWith(ASSIGN_PREFIX) && value !== "");
  return (
    <form action={action} className="space-y-4 rounded-md border border-danger/30 bg-danger-bg/40 p-4" noValidate>
      <FormMessage state={state} />
      <h3 className="text-sm font-semibold">Deactivate {user.name}</h3>
      <input type="hidden" name="userId" value={user.id} />
      {n > 0 ? (
        <div key={state.at ?? 0} className="space-y-4">
          <p className="text-sm">
            {user.name} is primary counselor of {n} open {n === 1 ? "client" : "clients"}. Choose who takes {n === 1 ? "it" : "them"}: they move in the same
            step as the deactivation, or nothing changes.
          </p>
          <SelectField
            name="moveAllTo"
            label="Move all to"
            placeholder="Choose a counselor"
            defaultValue={valueOf(state, "moveAllTo")}
            errors={state.fieldErrors?.moveAllTo}
            className="max-w-md"
          >
            {options}
          </SelectField>
          <details open={perClient} className="group rounded-md border border-line bg-white/70 px-3 py-2">
            <summary className="cursor-pointer text-sm font-medium text-ink">Or choose for each client ({n})</summary>
            <ul className="mt-3 grid gap-3 pb-2 sm:grid-cols-2">
              {user.clients.map((client) => (
                <li key={client.id}>
                  <SelectField
                    name={assignField(client.id)}
                    label={`${client.recordNumber} · ${clientStatusLabels[client.status]}`}
                    placeholder="As chosen for all"
                    defaultValue={valueOf(state, assignField(client.id))}
                    errors={state.fieldErrors?.[assignField(client.id)]}
                  >
                    {options}
                  </SelectField>
                </li>
              ))}
            </ul>
          </details>
        </div>
      ) : (
        <p className="text-sm">{user.name} has no open clients.</p>
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingLabel="Deactivating…">
          Deactivate {user.name}
        </SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
