"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { latestNoteAction } from "../actions";
import type { NoteDraft } from "../draft";

const t = staffText("notes");

interface Props {
  clientId: string;
  noteId: string;
  message: string;
  onUseLatest: (latest: NoteDraft) => void;
  onKeepMine: (latestVersion: number) => Promise<void>;
}

function Latest({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-muted">{label}</p>
      <p className="whitespace-pre-wrap text-sm">{text.trim() ? text : <span className="italic text-muted">{t("empty")}</span>}</p>
    </div>
  );
}

/**
 * Shown when a save was refused because another save came first. The person's text stays in the
 * form; here they can read the latest saved version and choose which one to keep.
 */
export function ConflictPanel({ clientId, noteId, message, onUseLatest, onKeepMine }: Props) {
  const [latest, setLatest] = useState<NoteDraft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const load = () =>
    startTransition(async () => {
      const body = new FormData();
      body.set("clientId", clientId);
      body.set("noteId", noteId);
      const result = await latestNoteAction(idleState, body);
      if (result.status === "success" && result.data) setLatest(result.data as NoteDraft);
      else setProblem(result.message ?? t("latestLoadFailed"));
    });

  return (
    <section aria-labelledby="conflict-title" className="space-y-3 rounded-lg border border-warn/40 bg-warn-bg p-4">
      <h2 id="conflict-title" className="text-base font-semibold text-warn">
        {t("conflictTitle")}
      </h2>
      <p className="text-sm text-ink">{message}</p>
      {problem ? <p className="text-sm text-danger">{problem}</p> : null}
      {!latest ? (
        <Button variant="secondary" onClick={load} disabled={pending}>
          {pending ? t("loading") : t("seeLatest")}
        </Button>
      ) : latest.status === "signed" ? (
        <p className="text-sm">
          {t.rich("signedSince", {
            link: (chunks) => (
              <a className="font-medium underline" href={`/clients/${clientId}/notes/${noteId}`}>
                {chunks}
              </a>
            ),
          })}
        </p>
      ) : (
        <div className="space-y-3">
          <div aria-label={t("latestSavedVersion")} role="group" className="max-h-72 space-y-2 overflow-y-auto rounded-md border border-line bg-white p-3">
            <Latest label={t("latestData")} text={latest.data} />
            <Latest label={t("latestAssessment")} text={latest.assessment} />
            <Latest label={t("latestPlan")} text={latest.plan} />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => startTransition(() => onKeepMine(latest.version))} disabled={pending}>
              {t("keepMine")}
            </Button>
            <Button variant="secondary" onClick={() => onUseLatest(latest)} disabled={pending}>
              {t("useLatest")}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
