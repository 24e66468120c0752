import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { ClientName } from "@/clients/components/client-name";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NoteView } from "@/notes/components/note-view";
import { AddendumForm, CosignForm } from "@/notes/components/signed-note-forms";
import { getNoteDetail } from "@/notes/detail";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("notes");

export const metadata: Metadata = { title: t("sessionNoteTitle") };

/**
 * The whole note, for the people responsible for it: its author and the supervisor who
 * co-signs. A group note shows every attendee's individual part here (those the reader may see).
 */
export default async function WholeNotePage({ params }: { params: Promise<{ noteId: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { noteId } = await params;
  const note = await getNoteDetail(getDb(), actor, noteId, { via: "responsible" });
  if (!note?.client) notFound();
  const client = note.client;
  await auditView(getDb(), actor, { action: "note.view", entityType: "session_note", entityId: note.id, clientId: client.id, detail: { view: "whole" } });
  const supervises = note.authorSupervisorId === actor.userId;
  const awaitingMe = note.status === "signed" && note.cosignRequired && !note.cosignedAt && supervises;
  const group = note.type === "group";
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <nav aria-label={t("breadcrumb")} className="text-sm text-muted">
        {actor.role === "supervisor" ? (
          <>
            <Link href="/notes/cosign" className="underline-offset-2 hover:underline">
              {t("notesToCosign")}
            </Link>
            {" / "}
          </>
        ) : null}
        {group ? (
          <span>{t("groupSession")}</span>
        ) : (
          <Link href={`/clients/${client.id}/notes`} className="underline-offset-2 hover:underline">
            <ClientName client={client} />
          </Link>
        )}
      </nav>
      {note.status === "draft" ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-warn/30 bg-warn-bg px-4 py-3 text-sm">
          <p>{t("draftBanner")}</p>
          <Link href={`/clients/${client.id}/notes/${note.id}/edit`} className={buttonClass("primary", "sm")}>
            {t("continueWriting")}
          </Link>
        </div>
      ) : null}
      <Card className="p-6">
        <NoteView note={note} timeZone={client.timeZone} headingLevel={1} />
      </Card>
      {awaitingMe ? <CosignForm clientId={client.id} noteId={note.id} authorName={note.authorName} /> : null}
      {note.status === "signed" && (note.authorId === actor.userId || supervises) ? <AddendumForm clientId={client.id} noteId={note.id} group={group} /> : null}
    </div>
  );
}
