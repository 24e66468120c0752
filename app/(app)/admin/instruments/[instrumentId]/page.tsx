import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/auth/session";
import { openImported } from "@/checkins/admin-queries";
import { PublishButton, RetireButton } from "@/checkins/components/instrument-actions";
import { ItemPreview } from "@/checkins/components/item-preview";
import { ScoringForm } from "@/checkins/components/scoring-form";
import { scoringDefaults } from "@/checkins/scoring-defaults";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { describeProblem } from "@/checkins/import-scoring";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("adminInstruments");

export const metadata: Metadata = { title: t("questionnaireTitle") };

const statusTone = { draft: "warn", published: "ok", retired: "neutral" } as const;
const statusLabel = { draft: t("statusDraft"), published: t("statusPublished"), retired: t("statusRetired") } as const;

export default async function ImportedInstrumentPage({ params }: { params: Promise<{ instrumentId: string }> }) {
  const actor = await requireActor(["admin"]);
  const { instrumentId } = await params;
  const row = await openImported(getDb(), actor, instrumentId);
  if (!row) notFound();
  const { preview } = row;
  const ready = preview.instrument !== null;
  const questions = preview.items.filter((i) => i.type !== "group" && i.type !== "display").length;
  return (
    <div className="space-y-6">
      <Link href="/admin/instruments" className="text-sm text-muted hover:text-ink">
        {t("backToInstruments")}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{row.title}</h1>
          <p className="text-sm text-muted">
            {t("versionAndUrl", { version: String(row.version), url: row.url })}
          </p>
          {row.copyright ? <p className="mt-1 max-w-3xl text-xs text-muted">{row.copyright}</p> : null}
        </div>
        <Badge tone={statusTone[row.status]}>{statusLabel[row.status]}</Badge>
      </header>

      <Card>
        <CardTitle className="mb-1">{t("understoodTitle")}</CardTitle>
        <p className="mb-3 text-sm text-muted">
          {preview.reachable
            ? t("understoodWithRange", { questions: String(questions), scored: String(preview.scoredItems), min: String(preview.reachable.min), max: String(preview.reachable.max) })
            : t("understood", { questions: String(questions), scored: String(preview.scoredItems) })}
        </p>
        {preview.problems.length ? (
          <ul className="mb-3 list-disc pl-5 text-sm text-danger">
            {preview.problems.map((p) => (
              <li key={p}>{describeProblem(p)}</li>
            ))}
          </ul>
        ) : null}
        <ItemPreview items={preview.items} />
      </Card>

      {row.status === "draft" ? (
        <>
          <Card>
            <CardTitle className="mb-1">{t("scoringTitle")}</CardTitle>
            {preview.scoringProblems.length ? (
              <ul className="mb-4 list-disc pl-5 text-sm text-warn">
                {preview.scoringProblems.map((p) => (
                  <li key={p}>{describeProblem(p)}</li>
                ))}
              </ul>
            ) : (
              <p className="mb-4 text-sm text-ok">{t("scoringComplete")}</p>
            )}
            <ScoringForm
              instrumentId={row.id}
              defaults={scoringDefaults(preview)}
              scoredItems={preview.scoredItems}
              choiceItems={preview.items.filter((i) => i.type === "choice").map((i) => ({ linkId: i.linkId, text: i.text ?? "" }))}
            />
          </Card>
          <Card>
            <CardTitle className="mb-1">{t("publishTitle")}</CardTitle>
            <p className="mb-3 text-sm text-muted">{t("publishIntro")}</p>
            <PublishButton instrumentId={row.id} ready={ready} />
          </Card>
        </>
      ) : row.status === "published" ? (
        <Card>
          <CardTitle className="mb-1">{t("inUseTitle")}</CardTitle>
          <p className="mb-3 text-sm text-muted">{t("inUseIntro")}</p>
          <RetireButton instrumentId={row.id} />
        </Card>
      ) : (
        <p className="text-sm text-muted">{t("retiredIntro")}</p>
      )}
    </div>
  );
}
