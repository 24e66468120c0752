"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton, TextField, useIdempotencyKey, valueOf } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { createScheduleAction } from "../actions";
import type { Respondent } from "../catalog";
import { CadenceFieldset } from "@/scheduling/components/cadence-fieldset";
import { DEFAULT_EXPIRY_DAYS } from "@/scheduling/checkin-window";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

interface Props {
  clientId: string;
  clientName: string;
  today: string;
  instruments: { url: string; title: string; respondent: Respondent }[];
  contacts: { id: string; label: string }[];
}

/** Sends a check-in to the portal on a cadence, for the client or (family check-ins) a supporter. */
export function ScheduleForm({ clientId, clientName, today, instruments, contacts }: Props) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(createScheduleAction, idleState);
  const [key, renewKey] = useIdempotencyKey();
  const sendable = instruments.filter((i) => i.respondent !== "clinician");
  const [url, setUrl] = useState(sendable[0]?.url ?? "");
  const [seenAt, setSeenAt] = useState<number | undefined>();
  if (state.status === "success" && state.at !== seenAt) {
    setSeenAt(state.at);
    renewKey();
    setOpen(false);
  }
  if (!open) {
    return (
      <div className="space-y-2">
        {state.status === "success" ? <FormMessage state={state} /> : null}
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t("sendCheckInToPortal")}
        </Button>
      </div>
    );
  }
  const errors = state.fieldErrors ?? {};
  const forFamily = sendable.find((i) => i.url === url)?.respondent === "family";
  return (
    <form action={action} className="space-y-4" noValidate key={state.at ?? 0}>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="_idempotency" value={key} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="instrumentUrl" label={t("checkIn")} required value={url} onChange={(e) => setUrl(e.target.value)} errors={errors.instrumentUrl}>
          {sendable.map((i) => (
            <option key={i.url} value={i.url}>
              {i.title}
            </option>
          ))}
        </SelectField>
        <SelectField name="respondent" label={t("whoAnswersIt")} required defaultValue={valueOf(state, "respondent", forFamily ? (contacts[0]?.id ?? "") : "client")} key={url} errors={errors.respondent}>
          {forFamily ? (
            contacts.length ? (
              contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))
            ) : (
              <option value="">{t("noOneInTheSupport")}</option>
            )
          ) : (
            <option value="client">{t("theClientOption", { name: clientName })}</option>
          )}
        </SelectField>
        <CadenceFieldset
          state={state}
          today={today}
          beside={
            <TextField
              name="expiryDays"
              label={t("openForDays")}
              type="number"
              min={1}
              max={14}
              hint={t("openForDaysHint")}
              defaultValue={valueOf(state, "expiryDays", String(DEFAULT_EXPIRY_DAYS))}
              errors={errors.expiryDays}
            />
          }
        />
      </div>
      <div className="flex gap-2">
        <SubmitButton>{t("schedule")}</SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
