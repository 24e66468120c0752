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
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("notesClient");

export const metadata: Metadata = { title: t("sessionNotes") };

// A page of notes at a time, newest first: a client with years of weekly sessions has hundreds.
const LIMIT = 25;
const MAX_PAGE = 400;

export default async function ClientNotesPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  const query = await searchParams;
  const filters = notesFilterSchema.parse(query);
  const page = pageNumber(query.page);
  // The view is recorded while the notes are read: if the record fails, the page fails and shows nothing.
  const [, rows] = await Promise.all([
    auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "notes" } }),
    listClientNotes(getDb(), actor, client.id, filters, LIMIT, (page - 1) * LIMIT),
  ]);
  const notes = rows.slice(0, LIMIT);
  const filtered = Object.values(filters).some(Boolean);
  const pageHref = (n: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
    if (n > 1) params.set("page", String(n));
    const qs = params.toString();
    return `/clients/${client.id}/notes${qs ? `?${qs}` : ""}`;
  };
  const from = (page - 1) * LIMIT + 1;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold">{t("sessionNotes")}</h2>
          <p className="text-sm text-muted">{t("notesIntro")}</p>
        </div>
        <Link href={`/clients/${client.id}/notes/new`} className={buttonClass("primary")}>
          {t("writeANote")}
        </Link>
      </div>
      <NotesFilters />
      {notes.length ? (
        <NotesList clientId={client.id} notes={notes} caption={t("sessionNotesFor", { name: client.name })} />
      ) : (
        <p className="rounded-lg border border-dashed border-line bg-white px-4 py-8 text-center text-sm text-muted">
          {page > 1 ? t("noMoreNotes") : filtered ? t("noNotesMatch") : t("noNotesYet")}
        </p>
      )}
      {notes.length && (page > 1 || rows.length > LIMIT) ? (
        <nav aria-label={t("pagesOfNotes")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <p className="text-muted">
            {t("notesRange", { from: String(from), to: String(from + notes.length - 1) })}
          </p>
          <div className="flex gap-2">
            {page > 1 ? (
              <Link href={pageHref(page - 1)} className={buttonClass("secondary")}>
                {t("newerNotes")}
              </Link>
            ) : null}
            {rows.length > LIMIT && page < MAX_PAGE ? (
              <Link href={pageHref(page + 1)} className={buttonClass("secondary")}>
                {t("olderNotes")}
              </Link>
            ) : null}
          </div>
        </nav>
      ) : null}
      {!notes.length && page > 1 ? (
        <p className="text-sm">
          <Link href={pageHref(1)} className="font-medium text-brand-800 underline underline-offset-2">
            {t("backToTheNewestNotes")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** ?page=N, a whole number from 1; anything else is the first page. */
function pageNumber(value: string | string[] | undefined): number {
  const n = typeof value === "string" && /^[1-9][0-9]{0,3}$/.test(value) ? Number(value) : 1;
  return Math.min(n, MAX_PAGE);
}
