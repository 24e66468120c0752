import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { displayName } from "@/clients/display";
import { getClientForActor } from "@/clients/queries";
import { getDb } from "@/db/client";
import { loadNote } from "@/notes/access";
import { NoteEditor } from "@/notes/components/note-editor";
import { readDraft } from "@/notes/draft";
import { cosignerNameFor, listContactOptions, listGroupCandidates } from "@/notes/queries";
import { noteTypeLabels } from "@/notes/schemas";
import { staffText } from "@/i18n/staff";

const t = staffText("notesClient");

export const metadata: Metadata = { title: t("writeASessionNote") };

export default async function EditNotePage({ params }: { params: Promise<{ clientId: string; noteId: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId, noteId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  // The same rule as the save and sign actions: a draft is its author's alone.
  const record = await loadNote(getDb(), actor, { clientId: client.id, noteId });
  if (!record) notFound();
  if (record.status === "signed") redirect(`/clients/${client.id}/notes/${record.id}`);
  if (record.authorId !== actor.userId) notFound();
  const draft = await readDraft(getDb(), actor.organisationId, record.id);
  if (!draft) notFound();
  await auditView(getDb(), actor, { action: "note.view", entityType: "session_note", entityId: record.id, clientId: client.id, detail: { view: "edit" } });
  const [contacts, candidates, supervisorName] = await Promise.all([
    draft.type === "family_support" ? listContactOptions(getDb(), actor, client.id) : [],
    draft.type === "group" ? listGroupCandidates(getDb(), actor, [client.id, ...draft.members.map((m) => m.clientId)]) : [],
    cosignerNameFor(getDb(), actor),
  ]);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-muted">{t("draft")}</p>
          <h2 className="text-lg font-semibold">{t("sessionNoteTitle", { type: noteTypeLabels[draft.type] })}</h2>
        </div>
        <Link href={`/clients/${client.id}/notes`} className="text-sm text-muted underline-offset-2 hover:underline">
          {t("backToNotes")}
        </Link>
      </div>
      <NoteEditor clientId={client.id} clientName={displayName(client)} draft={draft} contacts={contacts} candidates={candidates} supervisorName={supervisorName} />
    </div>
  );
}
