import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/auth/session";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { ExercisePreview } from "@/exercises/components/exercise-preview";
import { Guidance } from "@/exercises/components/guidance";
import { findExercise } from "@/exercises/library";

export const metadata: Metadata = { title: "Exercise preview" };

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
          ← Library
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{exercise.title}</h1>
        <p className="text-sm text-muted">
          {exercise.audience === "family" ? "For family members" : "For clients"} · about {exercise.minutes} minutes · {exercise.purpose}
        </p>
      </header>
      {added ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-bg px-3 py-2 text-sm text-ok">
          The exercise was added to your organisation&apos;s library.
        </p>
      ) : null}
      <p className="rounded-md border border-line bg-white px-3 py-2 text-sm text-muted">Preview: this is what the person sees on their phone. Nothing you enter here is saved.</p>
      <Card className="mx-auto max-w-xl space-y-6">
        <Guidance blocks={exercise.guidance} />
        <ExercisePreview definition={exercise} />
      </Card>
    </div>
  );
}
