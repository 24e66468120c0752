"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage, TextField } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { formDataToObject } from "@/lib/form-data";
import { SelectField, TextAreaField } from "@/components/ui/select-field";
import { idleState, type FormState } from "@/lib/form-state";
import { saveNoteAction, signNoteAction } from "../actions";
import type { NoteDraft } from "../draft";
import type { ClientOption, ContactOption } from "../queries";
import { attendanceLabels, LIMITS, NOTE_CONFLICT_MESSAGE, noteContentSchema, signingProblems } from "../schemas";
import type { NoteType } from "@/db/schema";
import { ConflictPanel } from "./conflict-panel";
import { DraftSaver, type SaveStatus } from "./draft-saver";
import { FamilyFields, GroupFields } from "./participant-fields";

interface Props {
  clientId: string;
  clientName: string;
  draft: NoteDraft;
  contacts: ContactOption[];
  candidates: ClientOption[];
  supervisorName: string | null;
}

const t = staffText("noteEditor");
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case "idle":
      return t("statusIdle");
    case "saving":
      return t("statusSaving");
    case "saved":
      return t("statusSaved", { time: clock.format(new Date(status.at)) });
    case "error":
      return status.conflict ? t("statusConflict") : t("statusError", { message: status.message });
  }
}

/**
 * What signing will ask for, worked out from the form as it stands, so the counselor sees it
 * while writing rather than after pressing Sign. The server checks the same rules again (and the
 * date against the client's own day, which is left to it here).
 */
function signingNeeds(type: NoteType, form: HTMLFormElement | null): string[] {
  if (!form) return [];
  const parsed = noteContentSchema.safeParse({ ...formDataToObject(new FormData(form)), version: "1" });
  if (!parsed.success) return [];
  return [...new Set(Object.values(signingProblems(type, parsed.data, "9999-12-31")).flat())];
}

/**
 * The draft of a note, saved as it is typed (about 1.5 s after typing stops) with the version it
 * was read at, so a save from another tab is never silently overwritten. Signing saves the text
 * as it stands and locks it.
 */
export function NoteEditor({ clientId, clientName, draft: initial, contacts, candidates, supervisorName }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [formKey, setFormKey] = useState(0);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [signState, setSignState] = useState<FormState>(idleState);
  const [confirming, setConfirming] = useState(false);
  const [signing, startSigning] = useTransition();
  const [saver] = useState(() => new DraftSaver({ version: initial.version, delay: 1500, send: (fd) => saveNoteAction(idleState, fd), report: setStatus }));

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!saver.dirty) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      saver.dispose();
      // Leaving through a link inside the app: send what was typed rather than drop it.
      if (saver.dirty && !saver.conflicted) void saver.flush();
    };
  }, [saver]);

  const errors = { ...(status.kind === "error" ? status.fieldErrors : {}), ...(signState.fieldErrors ?? {}) };
  const [needs, setNeeds] = useState<string[] | null>(null);
  useEffect(() => setNeeds(signingNeeds(initial.type, formRef.current)), [initial.type, formKey]);
  const changed = () => {
    if (formRef.current) saver.changed(new FormData(formRef.current));
    setNeeds(signingNeeds(initial.type, formRef.current));
  };

  const sign = () =>
    startSigning(async () => {
      if (formRef.current) saver.changed(new FormData(formRef.current));
      if (!(await saver.flush())) {
        setConfirming(false);
        return;
      }
      const body = new FormData(formRef.current ?? undefined);
      body.set("version", String(saver.version));
      // On success the action moves to the signed note; only a refusal comes back here.
      const result = await signNoteAction(idleState, body);
      setSignState(result);
      setConfirming(false);
      if (result.message === NOTE_CONFLICT_MESSAGE) setStatus({ kind: "error", message: result.message, conflict: true, fieldErrors: {} });
    });

  const useLatest = (latest: NoteDraft) => {
    setDraft(latest);
    setFormKey((k) => k + 1);
    saver.adopt(latest.version, true);
    setStatus({ kind: "idle" });
  };
  const keepMine = async (latestVersion: number) => {
    saver.adopt(latestVersion);
    await saver.flush(true);
  };

  const group = draft.type === "group";
  return (
    <form
      key={formKey}
      ref={formRef}
      noValidate
      onChange={changed}
      onSubmit={(e) => {
        e.preventDefault();
        changed();
        void saver.flush(true);
      }}
      className="space-y-6"
    >
      {signState.status === "error" ? <FormMessage state={signState} /> : null}
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="noteId" value={draft.noteId} />
      {status.kind === "error" && status.conflict ? <ConflictPanel clientId={clientId} noteId={draft.noteId} message={status.message} onUseLatest={useLatest} onKeepMine={keepMine} /> : null}
      <Card>
        <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <legend className="mb-3 text-base font-semibold text-ink">{t("session")}</legend>
          <TextField name="sessionDate" label={t("sessionDate")} type="date" required defaultValue={draft.sessionDate} errors={errors.sessionDate} />
          <TextField name="startTime" label={t("startTime")} type="time" defaultValue={draft.startTime} errors={errors.startTime} />
          <TextField name="durationMinutes" label={t("duration")} type="number" inputMode="numeric" min={1} max={600} defaultValue={draft.durationMinutes} errors={errors.durationMinutes} />
          <SelectField name="attendance" label={t("attendance")} required defaultValue={draft.attendance} errors={errors.attendance}>
            {Object.entries(attendanceLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </fieldset>
      </Card>
      {draft.type === "family_support" ? <FamilyFields draft={draft} contacts={contacts} errors={errors} clientName={clientName} /> : null}
      <Card>
        <fieldset className="space-y-5">
          <legend className="mb-1 text-base font-semibold text-ink">{group ? t("sharedPart") : t("note")}</legend>
          <TextAreaField name="data" label={t("data")} hint={t("dataHint")} rows={7} maxLength={LIMITS.section} defaultValue={draft.data} errors={errors.data} className="[&_textarea]:leading-relaxed" />
          <TextAreaField name="assessment" label={t("assessment")} hint={t("assessmentHint")} rows={5} maxLength={LIMITS.section} defaultValue={draft.assessment} errors={errors.assessment} className="[&_textarea]:leading-relaxed" />
          <TextAreaField name="plan" label={t("plan")} hint={t("planHint")} rows={4} maxLength={LIMITS.section} defaultValue={draft.plan} errors={errors.plan} className="[&_textarea]:leading-relaxed" />
        </fieldset>
      </Card>
      {group ? <GroupFields draft={draft} candidates={candidates} errors={errors} clientId={clientId} /> : null}
      {needs ? (
        <div id="signing-needs" className="rounded-md border border-line bg-white px-4 py-3 text-sm">
          {needs.length ? (
            <>
              <p className="font-medium text-ink">{t("signingNeeds")}</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-muted">
                {needs.map((need) => (
                  <li key={need}>{need}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-muted">{t("signingReady")}</p>
          )}
        </div>
      ) : null}
      {confirming ? (
        <div className="space-y-3 rounded-md border border-brand-100 bg-brand-50 p-4">
          <p className="text-sm font-semibold">{t("confirmTitle")}</p>
          <p className="text-sm">
            {t("confirmBody")}
            {supervisorName ? t("confirmCosign", { name: supervisorName }) : ""}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button onClick={sign} disabled={signing}>
              {signing ? t("signing") : t("signAndLock")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={signing}>
              {t("keepWriting")}
            </Button>
          </div>
        </div>
      ) : null}
      <div className="sticky bottom-0 -mx-1 flex flex-wrap items-center gap-3 border-t border-line bg-canvas/95 px-1 py-3 backdrop-blur">
        <p role="status" aria-live="polite" className={status.kind === "error" ? "text-sm font-medium text-danger" : "text-sm text-muted"}>
          {statusText(status)}
        </p>
        <div className="ml-auto flex gap-2">
          <Button type="submit" variant="secondary">
            {t("saveNow")}
          </Button>
          <Button onClick={() => setConfirming(true)} disabled={confirming} aria-describedby={needs ? "signing-needs" : undefined}>
            {t("sign")}
          </Button>
        </div>
      </div>
    </form>
  );
}
