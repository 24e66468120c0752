import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Guidance } from "@/exercises/components/guidance";
import { CrisisLine } from "@/portal/components/crisis-line";
import { PortalExerciseForm } from "@/portal/components/portal-exercise-form";
import { requirePortalRecord } from "@/portal/page-context";
import { portalHome } from "@/portal/queries";
import { getDb } from "@/db/client";
import { crisisResourcesForHolder } from "@/portal/crisis";

export default async function PortalExercise({ params }: { params: Promise<{ token: string; assignmentId: string }> }) {
  const { token, assignmentId } = await params;
  const { holder, record: task } = await requirePortalRecord(token, "exercise", async (h) => (await portalHome(getDb(), h)).tasks.find((t) => t.assignmentId === assignmentId));
  const [t, crisis] = await Promise.all([getTranslations({ locale: holder.language, namespace: "portal" }), crisisResourcesForHolder(getDb(), holder)]);
  return (
    <div className="space-y-6">
      <Link href={`/p/${token}`} className="text-sm text-muted hover:text-ink">
        {t("back")}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">
          <bdi>{task.exercise.title}</bdi>
        </h1>
        <p className="text-sm text-muted">{t("exercise.intro", { minutes: task.exercise.minutes })}</p>
      </header>
      {task.instructions ? <p className="rounded-md border border-line bg-white px-3 py-2 text-sm">{t.rich("counselorSays", { instructions: task.instructions, quote: (chunks) => <bdi>{chunks}</bdi> })}</p> : null}
      <Guidance blocks={task.exercise.guidance} />
      <PortalExerciseForm token={token} assignmentId={assignmentId} definition={{ fields: task.exercise.fields }} draftKey={holder.draftKey} />
      <CrisisLine resources={crisis} language={holder.language} />
    </div>
  );
}
