import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { Card, CardTitle } from "@/components/ui/card";
import { todayIn } from "@/lib/zod-fields";
import { NewNoteForm } from "@/notes/components/new-note-form";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("notesClient");

export const metadata: Metadata = { title: t("newSessionNote") };

export default async function NewNotePage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<{ type?: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  const { type } = await searchParams;
  return (
    <Card className="max-w-4xl">
      <div className="mb-5 flex items-start justify-between gap-4">
        <div>
          <CardTitle>{t("newSessionNote")}</CardTitle>
          <p className="mt-1 text-sm text-muted">{t("newNoteHint")}</p>
        </div>
        <Link href={`/clients/${client.id}/notes`} className="text-sm text-muted underline-offset-2 hover:underline">
          {t("backToNotes")}
        </Link>
      </div>
      <NewNoteForm clientId={client.id} today={todayIn(client.timeZone)} defaultType={type === "family_support" || type === "group" ? type : "individual"} />
    </Card>
  );
}
