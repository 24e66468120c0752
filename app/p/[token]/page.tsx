import Link from "next/link";
import { PortalCheckins } from "@/checkins/components/portal-checkins";
import { Badge } from "@/components/ui/badge";
import { CrisisLine } from "@/portal/components/crisis-line";
import { requirePortalHolder } from "@/portal/page-context";
import { portalHome } from "@/portal/queries";
import { sharedSummaryFor } from "@/reports/portal-summary";

const stateLabel = { overdue: "Still open", due: "For today", done_today: "Done", upcoming: "Coming up" } as const;
const stateTone = { overdue: "warn", due: "brand", done_today: "ok", upcoming: "neutral" } as const;

export default async function PortalHome({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const holder = await requirePortalHolder(token, "home");
  const [{ tasks, history }, summary] = await Promise.all([portalHome(holder), sharedSummaryFor(holder)]);
  const open = tasks.filter((t) => t.state === "due" || t.state === "overdue");
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-muted">Attune</p>
        <h1 className="text-2xl font-semibold tracking-tight">Hello, <bdi>{holder.greetingName}</bdi></h1>
        <p className="mt-1 text-base text-muted">{open.length ? "Here is what your counselor suggested for today." : "Nothing is waiting for you today."}</p>
      </header>
      {summary ? (
        <Link href={`/p/${token}/summary`} className="flex min-h-11 items-center justify-center rounded-md border border-brand-600 bg-white px-4 text-base font-medium text-brand-800 hover:bg-brand-50">
          {holder.contactId ? "Read the progress summary your counselor shared" : "Read your progress summary"}
        </Link>
      ) : null}
      <PortalCheckins holder={holder} token={token} />
      <section aria-labelledby="today" className="space-y-3">
        <h2 id="today" className="text-sm font-semibold uppercase tracking-wide text-muted">
          Your exercises
        </h2>
        {tasks.length === 0 ? <p className="text-base text-muted">No exercises are assigned right now.</p> : null}
        <ul className="space-y-3">
          {tasks.map((task) => (
            <li key={task.assignmentId} className="rounded-lg border border-line bg-white p-4">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <p className="text-base font-semibold">{task.exercise.title}</p>
                  <p className="text-sm text-muted">About {task.exercise.minutes} minutes</p>
                </div>
                <Badge tone={stateTone[task.state]}>{stateLabel[task.state]}</Badge>
              </div>
              {task.instructions ? <p className="mt-2 text-sm">Your counselor: “{task.instructions}”</p> : null}
              {task.state !== "upcoming" ? (
                <Link
                  href={`/p/${token}/a/${task.assignmentId}`}
                  className="mt-3 flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 text-base font-medium text-white hover:bg-brand-700"
                >
                  {task.state === "done_today" ? "Do it again" : "Start"}
                  <span className="sr-only">: {task.exercise.title}</span>
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-sm font-semibold uppercase tracking-wide text-muted">
          What you have done
        </h2>
        {history.length === 0 ? (
          <p className="text-base text-muted">Nothing yet. Your saved exercises will appear here.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {history.slice(0, 30).map((h) => (
              <li key={h.id} className="flex justify-between gap-3 px-4 py-3 text-sm">
                <span>{h.title}</span>
                <time dateTime={h.submittedAt} className="whitespace-nowrap text-muted">
                  {new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: holder.timeZone }).format(new Date(h.submittedAt))}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CrisisLine />
      <p className="text-xs text-muted">This private link is for you only. If someone else might have it, ask your counselor for a new one.</p>
    </div>
  );
}
