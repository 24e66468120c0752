import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { formatDate } from "@/clients/display";
import { formatSessionDate } from "@/notes/format";
import { listNotesToCosign } from "@/notes/queries";
import { noteTypeLabels } from "@/notes/schemas";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("notes");

export const metadata: Metadata = { title: t("cosignTitle") };

export default async function CosignListPage() {
  const actor = await requireActor(["supervisor"]);
  const notes = await listNotesToCosign(getDb(), actor);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("cosignTitle")}</h1>
        <p className="mt-1 text-sm text-muted">{t("cosignIntro")}</p>
      </div>
      {notes.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line bg-white px-4 py-8 text-center text-sm text-muted">{t("cosignEmpty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("cosignCaption")}</caption>
            <thead className="border-b border-line bg-canvas/60 text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">{t("columnSession")}</th>
                <th scope="col" className="px-4 py-2.5 font-medium">{t("columnClient")}</th>
                <th scope="col" className="px-4 py-2.5 font-medium">{t("columnType")}</th>
                <th scope="col" className="px-4 py-2.5 font-medium">{t("columnAuthor")}</th>
                <th scope="col" className="px-4 py-2.5 font-medium">{t("columnSigned")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {notes.map((n) => (
                <tr key={n.id} className="hover:bg-canvas/50">
                  <td className="whitespace-nowrap px-4 py-3">
                    <Link href={`/notes/${n.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                      {formatSessionDate(n.sessionDate)}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{n.clientName ?? t("groupOf", { size: String(n.groupSize) })}</td>
                  <td className="whitespace-nowrap px-4 py-3">{noteTypeLabels[n.type]}</td>
                  <td className="whitespace-nowrap px-4 py-3"><bdi>{n.authorName}</bdi></td>
                  <td className="whitespace-nowrap px-4 py-3 text-muted">{formatDate(n.signedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
