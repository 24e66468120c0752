import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/auth/session";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { ExercisePreview } from "@/exercises/components/exercise-preview";
import { Guidance } from "@/exercises/components/guidance";
import { findExercise } from "@/exercises/library";
import { staffText } from "@/i18n/staff";

const t = staffText("library");

export const metadata: Metadata = { title: t("previewTitle") };

export default async function ExercisePreviewPage({ params, searchParams }: { params: Promise<{ exerciseId: string }>; searchParams: Promise<{ added?: string }> }) {
  const actor = await requireActor();
  const { exerciseId } = await params;
  const exercise = await findExercise(getDb(), actor.organisationId, exerciseId);
  if (!exercise) notFound();
  const { added } = await searchParams;
  return (
    <div className="space-y-6">
      <header>
        <Link href="/library" className="text-sm text-muted hover:text-ink">
          {t("backToLibrary")}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{exercise.title}</h1>
        <p className="text-sm text-muted">
          {t("meta", { audience: exercise.audience === "family" ? "family" : "client", minutes: String(exercise.minutes), purpose: exercise.purpose })}
        </p>
      </header>
      {added ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-bg px-3 py-2 text-sm text-ok">
          {t("added")}
        </p>
      ) : null}
      <p className="rounded-md border border-line bg-white px-3 py-2 text-sm text-muted">{t("previewNotice")}</p>
      <Card className="mx-auto max-w-xl space-y-6">
        <Guidance blocks={exercise.guidance} />
        <ExercisePreview definition={exercise} />
      </Card>
    </div>
  );
}
