import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { listLibrary } from "@/exercises/library";

export const metadata: Metadata = { title: "Exercise library" };

const kindLabels: Record<string, string> = {
  journal: "Journal",
  thought_record: "CBT thought record",
  body_scan: "Body scan",
  interoception: "Interoception",
  emotion_naming: "Emotion naming",
  vulnerability: "Vulnerability",
  creative: "Creative expression",
  social_step: "Social step",
  boundaries: "Boundaries",
};

export default async function LibraryPage() {
  const actor = await requireActor();
  const exercises = await listLibrary(getDb(), actor.organisationId);
  const groups = [
    { title: "For clients", items: exercises.filter((e) => e.audience === "client") },
    { title: "For family members", items: exercises.filter((e) => e.audience === "family") },
  ];
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Exercise library</h1>
          <p className="text-sm text-muted">Each exercise opens a preview of exactly what the client or family member sees.</p>
        </div>
        {actor.role === "admin" ? (
          <Link href="/library/new" className={buttonClass()}>
            Add your organisation&apos;s exercise
          </Link>
        ) : null}
      </header>
      {groups.map((group) => (
        <section key={group.title} aria-labelledby={`g-${group.title}`} className="space-y-3">
          <h2 id={`g-${group.title}`} className="text-sm font-semibold uppercase tracking-wide text-muted">
            {group.title}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {group.items.map((e) => (
              <li key={e.id} className="rounded-lg border border-line bg-white p-4">
                <div className="flex items-start justify-between gap-2">
                  <Link href={`/library/${e.id}`} className="font-semibold text-brand-700 hover:underline">
                    {e.title}
                  </Link>
                  <span className="whitespace-nowrap text-xs text-muted">{e.minutes} min</span>
                </div>
                <p className="mt-1 text-sm text-muted">{e.purpose}</p>
                <div className="mt-3 flex gap-2">
                  <Badge>{kindLabels[e.kind] ?? e.kind}</Badge>
                  {e.source === "organisation" ? <Badge tone="brand">Your organisation</Badge> : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
