"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import type { ClientStatus, UserStatus } from "@/db/schema";
import { staffText } from "@/i18n/staff";
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

const t = staffText("users");
const clientStatusLabels: Record<ClientStatus, string> = { intake: t("clientStatusIntake"), active: t("clientStatusActive"), on_hold: t("clientStatusOnHold"), discharged: t("clientStatusDischarged") };

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
          {t("cannotSignIn", { name: user.name })}
        </p>
        <SubmitButton variant="secondary" pendingLabel={t("reactivating")}>
          {t("reactivate", { name: user.name })}
        </SubmitButton>
      </form>
    );
  }
  if (isSelf) return <p className="text-sm text-muted">{t("cannotDeactivateSelf")}</p>;
  return <DeactivateForm user={user} counselors={counselors} state={deactivated} action={deactivate} latest={latest} />;
}

function DeactivateForm({ user, counselors, state, action, latest }: Omit<Props, "isSelf"> & { state: FormState; action: (data: FormData) => void; latest: FormState }) {
  const [open, setOpen] = useState(false);
  if (!open && state.status !== "error") {
    return (
      <div className="space-y-3">
        <FormMessage state={latest} />
        <p className="text-sm text-muted">
          {t("willBeSignedOut", { name: user.name })}
        </p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t("deactivateOpen")}
        </Button>
      </div>
    );
  }
  const targets = counselors.filter((c) => c.id !== user.id);
  const options = targets.map((c) => (
    <option key={c.id} value={c.id}>
      {t("counselorOption", { name: c.name, role: c.role === "supervisor" ? "supervisor" : "counselor", open: String(c.openClients) })}
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
      <h3 className="text-sm font-semibold">{t("deactivate", { name: user.name })}</h3>
      <input type="hidden" name="userId" value={user.id} />
      {n > 0 ? (
        <div key={state.at ?? 0} className="space-y-4">
          <p className="text-sm">
            {t("primaryOf", { name: user.name, count: n })}
          </p>
          <SelectField
            name="moveAllTo"
            label={t("moveAllTo")}
            placeholder={t("chooseCounselor")}
            defaultValue={valueOf(state, "moveAllTo")}
            errors={state.fieldErrors?.moveAllTo}
            className="max-w-md"
          >
            {options}
          </SelectField>
          <details open={perClient} className="group rounded-md border border-line bg-white/70 px-3 py-2">
            <summary className="cursor-pointer text-sm font-medium text-ink">{t("chooseEach", { count: String(n) })}</summary>
            <ul className="mt-3 grid gap-3 pb-2 sm:grid-cols-2">
              {user.clients.map((client) => (
                <li key={client.id}>
                  <SelectField
                    name={assignField(client.id)}
                    label={t("clientChoiceLabel", { recordNumber: client.recordNumber, status: clientStatusLabels[client.status] })}
                    placeholder={t("asChosenForAll")}
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
        <p className="text-sm">{t("noOpenClients", { name: user.name })}</p>
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingLabel={t("deactivating")}>
          {t("deactivate", { name: user.name })}
        </SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
