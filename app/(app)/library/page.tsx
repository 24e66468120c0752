import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { listLibrary } from "@/exercises/library";
import { staffText } from "@/i18n/staff";

const t = staffText("library");

export const metadata: Metadata = { title: t("title") };

const kindLabels: Record<string, string> = {
  journal: t("kindJournal"),
  thought_record: t("kindThoughtRecord"),
  body_scan: t("kindBodyScan"),
  interoception: t("kindInteroception"),
  emotion_naming: t("kindEmotionNaming"),
  vulnerability: t("kindVulnerability"),
  creative: t("kindCreative"),
  social_step: t("kindSocialStep"),
  boundaries: t("kindBoundaries"),
};

export default async function LibraryPage() {
  const actor = await requireActor();
  const exercises = await listLibrary(getDb(), actor.organisationId);
  const groups = [
    { title: t("forClients"), items: exercises.filter((e) => e.audience === "client") },
    { title: t("forFamily"), items: exercises.filter((e) => e.audience === "family") },
  ];
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted">{t("intro")}</p>
        </div>
        {actor.role === "admin" ? (
          <Link href="/library/new" className={buttonClass()}>
            {t("newHeading")}
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
                  <span className="whitespace-nowrap text-xs text-muted">{t("minutes", { minutes: String(e.minutes) })}</span>
                </div>
                <p className="mt-1 text-sm text-muted">{e.purpose}</p>
                <div className="mt-3 flex gap-2">
                  <Badge>{kindLabels[e.kind] ?? e.kind}</Badge>
                  {e.source === "organisation" ? <Badge tone="brand">{t("yourOrganisation")}</Badge> : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
