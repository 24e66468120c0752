"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { idleState } from "@/lib/form-state";
import { latestNoteAction } from "../actions";
import type { NoteDraft } from "../draft";

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
      <p className="whitespace-pre-wrap text-sm">{text.trim() ? text : <span className="italic text-muted">Empty</span>}</p>
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
      else setProblem(result.message ?? "The latest version could not be loaded.");
    });

  return (
    <section aria-labelledby="conflict-title" className="space-y-3 rounded-lg border border-warn/40 bg-warn-bg p-4">
      <h2 id="conflict-title" className="text-base font-semibold text-warn">
        This note was changed elsewhere
      </h2>
      <p className="text-sm text-ink">{message}</p>
      {problem ? <p className="text-sm text-danger">{problem}</p> : null}
      {!latest ? (
        <Button variant="secondary" onClick={load} disabled={pending}>
          {pending ? "Loading…" : "See the latest version"}
        </Button>
      ) : latest.status === "signed" ? (
        <p className="text-sm">
          The note has been signed since, so it cannot take your changes. Copy what you need, then{" "}
          <a className="font-medium underline" href={`/clients/${clientId}/notes/${noteId}`}>
            open the signed note
          </a>{" "}
          to add it as an addendum.
        </p>
      ) : (
        <div className="space-y-3">
          <div aria-label="Latest saved version" role="group" className="max-h-72 space-y-2 overflow-y-auto rounded-md border border-line bg-white p-3">
            <Latest label="Data (latest saved)" text={latest.data} />
            <Latest label="Assessment (latest saved)" text={latest.assessment} />
            <Latest label="Plan (latest saved)" text={latest.plan} />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => startTransition(() => onKeepMine(latest.version))} disabled={pending}>
              Keep my text and save it
            </Button>
            <Button variant="secondary" onClick={() => onUseLatest(latest)} disabled={pending}>
              Use the latest version instead
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
