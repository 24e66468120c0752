"use client";

import { useActionState, useState } from "react";
import type { UserRole } from "@/db/schema";
import { FormMessage, SubmitButton, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { staffText } from "@/i18n/staff";
import { idleState, type FormState } from "@/lib/form-state";
import { changeAccessAction } from "../admin-actions";
import { roleOptions } from "../admin-schemas";
import type { SupervisorChoice } from "./invite-form";

const t = staffText("users");

interface Props {
  userId: string;
  role: UserRole;
  supervisorId: string | null;
  supervisors: SupervisorChoice[];
}

export function AccessForm(props: Props) {
  const [state, action] = useActionState(changeAccessAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={props.userId} />
      <AccessFields key={state.at ?? 0} {...props} state={state} />
      <SubmitButton>{t("saveAccess")}</SubmitButton>
    </form>
  );
}

function AccessFields({ role: savedRole, supervisorId, supervisors, userId, state }: Props & { state: FormState }) {
  // After an error, what was chosen; after a save, what is stored (the page re-rendered with it).
  const chosen = state.status === "error" ? state : idleState;
  const [role, setRole] = useState(valueOf(chosen, "role", savedRole));
  const choices = supervisors.filter((s) => s.id !== userId);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField name="role" label={t("role")} hint={t("roleHint")} required value={role} onChange={(e) => setRole(e.target.value)} errors={state.fieldErrors?.role}>
        {roleOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectField>
      {role === "admin" ? (
        <p className="self-end pb-2 text-sm text-muted">{t("adminNoSupervisor")}</p>
      ) : (
        <SelectField
          name="supervisorId"
          label={t("supervisor")}
          hint={t("supervisorHint")}
          placeholder={t("noSupervisor")}
          defaultValue={valueOf(chosen, "supervisorId", supervisorId ?? "")}
          errors={state.fieldErrors?.supervisorId}
        >
          {choices.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      )}
    </div>
  );
}
