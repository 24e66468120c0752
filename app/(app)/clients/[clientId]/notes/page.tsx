import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { buttonClass } from "@/components/ui/button";
import { NotesFilters } from "@/notes/components/notes-filters";
import { NotesList } from "@/notes/components/notes-list";
import { listClientNotes } from "@/notes/queries";
import { notesFilterSchema } from "@/notes/schemas";

export const metadata: Metadata = { title: "Session notes" };

const LIMIT = 100;

export default async function ClientNotesPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(actor, clientId);
  if (!client) notFound();
  const filters = notesFilterSchema.parse(await searchParams);
  await auditView(actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "notes" } });
  const rows = await listClientNotes(actor, client.id, filters, LIMIT);
  const notes = rows.slice(0, LIMIT);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold">Session notes</h2>
          <p className="text-sm text-muted">Individual, family-support and group sessions, newest first. Drafts are visible only to their author.</p>
        </div>
        <Link href={`/clients/${client.id}/notes/new`} className={buttonClass("primary")}>
          Write a note
        </Link>
      </div>
      <NotesFilters />
      {notes.length ? (
        <NotesList clientId={client.id} notes={notes} caption={`Session notes for ${client.name}`} />
      ) : (
        <p className="rounded-lg border border-dashed border-line bg-white px-4 py-8 text-center text-sm text-muted">
          {filtered ? "No notes match these filters." : "No session notes yet."}
        </p>
      )}
      {rows.length > LIMIT ? <p className="text-sm text-muted">Showing the {LIMIT} most recent notes. Narrow the dates to see older ones.</p> : null}
    </div>
  );
}
