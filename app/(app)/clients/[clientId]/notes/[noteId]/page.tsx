import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NoteView } from "@/notes/components/note-view";
import { AddendumForm, CosignForm } from "@/notes/components/signed-note-forms";
import { getNoteDetail } from "@/notes/detail";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("notesClient");

export const metadata: Metadata = { title: t("sessionNote") };

export default async function ClientNotePage({ params, searchParams }: { params: Promise<{ clientId: string; noteId: string }>; searchParams: Promise<{ signed?: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId, noteId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  const note = await getNoteDetail(getDb(), actor, noteId, { via: "client", clientId: client.id });
  if (!note) notFound();
  await auditView(getDb(), actor, { action: "note.view", entityType: "session_note", entityId: note.id, clientId: client.id });
  const { signed } = await searchParams;
  const mine = note.authorId === actor.userId;
  const supervises = note.authorSupervisorId === actor.userId;
  const awaitingMe = note.status === "signed" && note.cosignRequired && !note.cosignedAt && supervises;
  return (
    <div className="space-y-5">
      <Link href={`/clients/${client.id}/notes`} className="text-sm text-muted underline-offset-2 hover:underline">
        {t("backToAllNotes")}
      </Link>
      {signed && note.status === "signed" ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-bg px-3 py-2 text-sm text-ok">
          {t("signedAndLocked", { waits: note.cosignRequired && !note.cosignedAt ? "yes" : "no" })}
        </p>
      ) : null}
      {note.status === "draft" ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-warn/30 bg-warn-bg px-4 py-3 text-sm">
          <p>{t("thisIsYourDraftOnly")}</p>
          <Link href={`/clients/${client.id}/notes/${note.id}/edit`} className={buttonClass("primary", "sm")}>
            {t("continueWriting")}
          </Link>
        </div>
      ) : null}
      <Card className="p-6">
        <NoteView note={note} timeZone={client.timeZone} />
      </Card>
      {awaitingMe && note.type !== "group" ? <CosignForm clientId={client.id} noteId={note.id} authorName={note.authorName} /> : null}
      {awaitingMe && note.type === "group" ? (
        <p className="rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm">
          {t.rich("groupNoteWaits", {
            link: (chunks) => (
              <Link href={`/notes/${note.id}`} className="font-medium underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      {note.status === "signed" && (mine || supervises) ? <AddendumForm clientId={client.id} noteId={note.id} group={note.type === "group"} /> : null}
    </div>
  );
}
