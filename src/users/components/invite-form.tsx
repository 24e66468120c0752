"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { FormMessage, SubmitButton, TextField, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { staffText } from "@/i18n/staff";
import type { FormState } from "@/lib/form-state";
import { idleState } from "@/lib/form-state";
import { inviteUserAction } from "../admin-actions";
import { roleOptions } from "../admin-schemas";
import { CopyLink } from "./copy-link";

const t = staffText("users");

export interface SupervisorChoice {
  id: string;
  name: string;
}

interface IssuedLink {
  path: string;
  expiresAt: string;
}

export function isIssuedLink(data: unknown): data is IssuedLink {
  return typeof data === "object" && data !== null && typeof (data as IssuedLink).path === "string" && typeof (data as IssuedLink).expiresAt === "string";
}

export function InviteForm({ supervisors }: { supervisors: SupervisorChoice[] }) {
  const [state, action] = useActionState(inviteUserAction, idleState);
  const [dismissed, setDismissed] = useState<number | undefined>(undefined);
  const issued = state.status === "success" && state.at !== dismissed && isIssuedLink(state.data) ? state.data : null;

  if (issued) {
    return (
      <div className="space-y-4">
        <FormMessage state={state} />
        <CopyLink label={t("inviteLinkLabel")} path={issued.path} expiresAt={issued.expiresAt} />
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setDismissed(state.at)}>
            {t("inviteSomeoneElse")}
          </Button>
          {state.id ? (
            <Link href={`/admin/users/${state.id}`} className={buttonClass("ghost")}>
              {t("openTheirAccount")}
            </Link>
          ) : null}
        </div>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state.status === "error" ? state : idleState} />
      {/* Remounted after each answer, so the fields start from what was sent. */}
      <InviteFields key={state.at ?? 0} state={state.status === "error" ? state : idleState} supervisors={supervisors} />
      <SubmitButton pendingLabel={t("creatingLink")}>{t("createInvitation")}</SubmitButton>
    </form>
  );
}

function InviteFields({ state, supervisors }: { state: FormState; supervisors: SupervisorChoice[] }) {
  const [role, setRole] = useState(valueOf(state, "role", "counselor"));
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("name")} autoComplete="off" required defaultValue={valueOf(state, "name")} errors={state.fieldErrors?.name} />
        <TextField name="email" label={t("email")} type="email" autoComplete="off" required defaultValue={valueOf(state, "email")} errors={state.fieldErrors?.email} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="role" label={t("role")} hint={t("inviteRoleHint")} required value={role} onChange={(e) => setRole(e.target.value)} errors={state.fieldErrors?.role}>
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
            hint={t("inviteSupervisorHint")}
            placeholder={t("noSupervisor")}
            defaultValue={valueOf(state, "supervisorId")}
            errors={state.fieldErrors?.supervisorId}
          >
            {supervisors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
    </>
  );
}
