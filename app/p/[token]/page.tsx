import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PortalCheckins } from "@/checkins/components/portal-checkins";
import { Badge } from "@/components/ui/badge";
import { dateTimeFormat } from "@/lib/date-format";
import { CrisisLine } from "@/portal/components/crisis-line";
import { requirePortalHolder } from "@/portal/page-context";
import { portalHome } from "@/portal/queries";
import { sharedSummaryFor } from "@/reports/portal-summary";
import { getDb } from "@/db/client";
import { crisisResourcesForHolder } from "@/portal/crisis";
import { portalDueCheckins } from "@/checkins/portal";

const stateTone = { overdue: "warn", due: "brand", done_today: "ok", upcoming: "neutral" } as const;

export default async function PortalHome({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const holder = await requirePortalHolder(token, "home");
  const db = getDb();
  const [{ tasks, history }, summary, due, crisis, t] = await Promise.all([
    portalHome(db, holder),
    sharedSummaryFor(db, holder),
    portalDueCheckins(db, holder),
    crisisResourcesForHolder(db, holder),
    getTranslations({ locale: holder.language, namespace: "portal" }),
  ]);
  const open = tasks.filter((task) => task.state === "due" || task.state === "overdue");
  const day = dateTimeFormat(holder.language, { dateStyle: "medium", timeZone: holder.timeZone });
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-muted">{t("brand")}</p>
        <h1 className="text-2xl font-semibold tracking-tight">{t.rich("hello", { name: () => <bdi>{holder.greetingName}</bdi> })}</h1>
        <p className="mt-1 text-base text-muted">{open.length ? t("todayIntro") : t("nothingToday")}</p>
      </header>
      {summary ? (
        <Link href={`/p/${token}/summary`} className="flex min-h-11 items-center justify-center rounded-md border border-brand-600 bg-white px-4 text-base font-medium text-brand-800 hover:bg-brand-50">
          {holder.contactId ? t("readSharedSummary") : t("readOwnSummary")}
        </Link>
      ) : null}
      <PortalCheckins holder={holder} token={token} due={due} />
      <section aria-labelledby="today" className="space-y-3">
        <h2 id="today" className="text-sm font-semibold uppercase tracking-wide text-muted">
          {t("yourExercises")}
        </h2>
        {tasks.length === 0 ? <p className="text-base text-muted">{t("noExercises")}</p> : null}
        <ul className="space-y-3">
          {tasks.map((task) => (
            <li key={task.assignmentId} className="rounded-lg border border-line bg-white p-4">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <p className="text-base font-semibold">
                    <bdi>{task.exercise.title}</bdi>
                  </p>
                  <p className="text-sm text-muted">{t("minutes", { minutes: task.exercise.minutes })}</p>
                </div>
                <Badge tone={stateTone[task.state]}>{t(`state.${task.state}`)}</Badge>
              </div>
              {task.instructions ? <p className="mt-2 text-sm">{t.rich("counselorSays", { instructions: task.instructions, quote: (chunks) => <bdi>{chunks}</bdi> })}</p> : null}
              {task.state !== "upcoming" ? (
                <Link
                  href={`/p/${token}/a/${task.assignmentId}`}
                  aria-label={`${task.state === "done_today" ? t("doAgain") : t("start")}: ${task.exercise.title}`}
                  className="mt-3 flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 text-base font-medium text-white hover:bg-brand-700"
                >
                  {task.state === "done_today" ? t("doAgain") : t("start")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-sm font-semibold uppercase tracking-wide text-muted">
          {t("history")}
        </h2>
        {history.length === 0 ? (
          <p className="text-base text-muted">{t("noHistory")}</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {history.slice(0, 30).map((h) => (
              <li key={h.id} className="flex justify-between gap-3 px-4 py-3 text-sm">
                <bdi>{h.title}</bdi>
                <time dateTime={h.submittedAt} className="whitespace-nowrap text-muted">
                  {day.format(new Date(h.submittedAt))}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CrisisLine resources={crisis} language={holder.language} />
      <p className="text-xs text-muted">{t("privateLink")}</p>
    </div>
  );
}
