import Link from "next/link";
import { staffText } from "@/i18n/staff";
import { formatSessionDate, sessionFacts } from "../format";
import type { NoteListItem } from "../queries";
import { noteTypeLabels } from "../schemas";
import { NoteStatusBadge } from "./note-status-badge";

const t = staffText("notes");

/** A client's notes as a table, newest session first; each row opens its note. */
export function NotesList({ clientId, notes, caption }: { clientId: string; notes: NoteListItem[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line bg-canvas/60 text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("columnSession")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("columnType")}</th>
            <th scope="col" className="hidden px-4 py-2.5 font-medium lg:table-cell">{t("columnSummary")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("columnAuthor")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("columnStatus")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {notes.map((n) => (
            <tr key={n.id} className="align-top hover:bg-canvas/50">
              <td className="whitespace-nowrap px-4 py-3">
                <Link href={`/clients/${clientId}/notes/${n.id}`} aria-label={t("openNoteLabel", { date: formatSessionDate(n.sessionDate), type: noteTypeLabels[n.type].toLowerCase() })} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                  {formatSessionDate(n.sessionDate)}
                </Link>
                <span className="block text-xs text-muted">{sessionFacts(n)}</span>
              </td>
              <td className="whitespace-nowrap px-4 py-3">{noteTypeLabels[n.type]}</td>
              <td className="hidden max-w-md px-4 py-3 text-muted lg:table-cell">
                <span className="line-clamp-2">{n.excerpt || "—"}</span>
                {n.addenda ? <span className="mt-0.5 block text-xs">{t("addenda", { count: n.addenda })}</span> : null}
              </td>
              <td className="whitespace-nowrap px-4 py-3">{n.authorName}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <NoteStatusBadge note={n} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
