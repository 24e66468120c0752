import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CommentForm } from "@/assignments/components/comment-form";
import { formatAnswer } from "@/assignments/format";
import { markEntryRead } from "@/assignments/mutations";
import { getEntry } from "@/assignments/queries";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { formatDate } from "@/clients/display";
import { getClientForActor } from "@/clients/queries";
import { Card, CardTitle } from "@/components/ui/card";
import { BODY_AREAS, EMOTIONS, UNNAMED_EMOTION } from "@/exercises/vocabulary";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("exercises");

export const metadata: Metadata = { title: t("entry") };

export default async function EntryPage({ params }: { params: Promise<{ clientId: string; entryId: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId, entryId } = await params;
  const db = getDb();
  const client = await getClientForActor(db, actor, clientId);
  if (!client) notFound();
  const entry = await getEntry(db, actor, client.id, entryId);
  if (!entry) notFound();
  await markEntryRead(db, entry);
  await auditView(db, actor, { action: "entry.read", entityType: "exercise_entry", entityId: entry.id, clientId: client.id });
  const labels = new Map<string, string>([...EMOTIONS, UNNAMED_EMOTION, ...BODY_AREAS].map((o) => [o.value, o.label]));
  for (const f of entry.exercise?.fields ?? []) if (f.type === "checklist") for (const o of f.options) labels.set(o.value, o.label);
  const answers = entry.answers as Record<string, unknown>;
  return (
    <div className="space-y-6">
      <Link href={`/clients/${client.id}/exercises`} className="text-sm text-muted hover:text-ink">
        {t("backToExercises")}
      </Link>
      <Card>
        <CardTitle>{entry.exercise?.title ?? t("entry")}</CardTitle>
        <p className="mb-4 text-sm text-muted">
          {t.rich("entryBy", { name: entry.byName, when: formatDate(entry.submittedAt, { dateStyle: "medium", timeStyle: "short" }), bdi: (chunks) => <bdi>{chunks}</bdi> })}
        </p>
        <dl className="space-y-4">
          {(entry.exercise?.fields ?? []).map((f) => (
            <div key={f.id}>
              <dt className="text-sm font-medium text-muted">{f.label}</dt>
              <dd className="mt-0.5 whitespace-pre-wrap text-base">{formatAnswer(answers[f.id], labels)}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <CardTitle className="mb-3">{t("comments")}</CardTitle>
        {entry.comments.length ? (
          <ul className="mb-4 space-y-3">
            {entry.comments.map((c) => (
              <li key={c.id} className="rounded-md border border-line bg-canvas p-3 text-sm">
                <p className="whitespace-pre-wrap">{c.text}</p>
                <p className="mt-1 text-xs text-muted">
                  {c.author} · {formatDate(c.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 text-sm text-muted">{t("noCommentsYet")}</p>
        )}
        <CommentForm clientId={client.id} entryId={entry.id} />
      </Card>
    </div>
  );
}
