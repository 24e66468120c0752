import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireActor } from "@/auth/session";
import { listBundled, listImported } from "@/checkins/admin-queries";
import { respondentLabels } from "@/checkins/catalog";
import { ImportForm } from "@/checkins/components/import-form";
import { formatScore } from "@/checkins/components/score-parts";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("adminInstruments");

export const metadata: Metadata = { title: t("title") };

const statusTone = { draft: "warn", published: "ok", retired: "neutral" } as const;
const statusLabel = { draft: t("statusDraft"), published: t("statusPublished"), retired: t("statusRetired") } as const;

export default async function InstrumentsPage() {
  await connection();
  const actor = await requireActor(["admin"]);
  const [bundled, imported] = await Promise.all([listBundled(), listImported(getDb(), actor)]);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-muted">
          {t("intro")}
        </p>
        <p className="mt-1 text-sm">
          <Link href="/admin/expected-recovery" className="text-brand-700 underline-offset-2 hover:underline">
            {t("expectedRecoveryLink")}
          </Link>
        </p>
      </header>

      <Card>
        <CardTitle className="mb-3">{t("importedTitle")}</CardTitle>
        {imported.length === 0 ? (
          <p className="text-sm text-muted">{t("noneImported")}</p>
        ) : (
          <ul className="divide-y divide-line">
            {imported.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2.5">
                <div className="min-w-0">
                  <Link href={`/admin/instruments/${i.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {i.title}
                  </Link>
                  <span className="text-muted"> {t("versionLabel", { version: String(i.version) })}</span>
                  <p className="truncate text-xs text-muted">
                    {t("importedBy", { url: i.url, name: i.createdBy })}
                  </p>
                </div>
                <Badge tone={statusTone[i.status]}>{statusLabel[i.status]}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardTitle className="mb-1">{t("importTitle")}</CardTitle>
        <p className="mb-3 text-sm text-muted">
          {t("importIntro")}
        </p>
        <ImportForm />
      </Card>

      <Card>
        <CardTitle className="mb-1">{t("bundledTitle")}</CardTitle>
        <p className="mb-3 text-sm text-muted">{t("bundledIntro")}</p>
        <ul className="divide-y divide-line">
          {bundled.map((b) => (
            <li key={b.url} className="py-2.5">
              <p className="font-medium">
                {b.title} <span className="font-normal text-muted">{t("versionLabel", { version: String(b.version) })}</span>
              </p>
              <p className="text-xs text-muted">
                {t("bundledFacts", { respondent: respondentLabels[b.respondent], items: String(b.items), min: formatScore(b.range.min), max: formatScore(b.range.max) })}
              </p>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
