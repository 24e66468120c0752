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

export const metadata: Metadata = { title: "Instruments" };

const statusTone = { draft: "warn", published: "ok", retired: "neutral" } as const;
const statusLabel = { draft: "Draft", published: "Published", retired: "Retired" } as const;

export default async function InstrumentsPage() {
  await connection();
  const actor = await requireActor(["admin"]);
  const [bundled, imported] = await Promise.all([listBundled(), listImported(getDb(), actor)]);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Instruments</h1>
        <p className="max-w-3xl text-sm text-muted">
          The check-ins counselors take in session or send to the portal. Attune’s own check-ins come with the product; your organisation can add validated,
          public-domain questionnaires in the FHIR R4 Questionnaire form. Every version is kept, and every score records the version that made it.
        </p>
        <p className="mt-1 text-sm">
          <Link href="/admin/expected-recovery" className="text-brand-700 underline-offset-2 hover:underline">
            Expected recovery curves and how well their warning works
          </Link>
        </p>
      </header>

      <Card>
        <CardTitle className="mb-3">Your organisation’s questionnaires</CardTitle>
        {imported.length === 0 ? (
          <p className="text-sm text-muted">None imported yet.</p>
        ) : (
          <ul className="divide-y divide-line">
            {imported.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2.5">
                <div className="min-w-0">
                  <Link href={`/admin/instruments/${i.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {i.title}
                  </Link>
                  <span className="text-muted"> · version {i.version}</span>
                  <p className="truncate text-xs text-muted">
                    {i.url} · imported by {i.createdBy}
                  </p>
                </div>
                <Badge tone={statusTone[i.status]}>{statusLabel[i.status]}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardTitle className="mb-1">Import a questionnaire</CardTitle>
        <p className="mb-3 text-sm text-muted">
          Attune reads the items and answer weights (itemWeight or ordinalValue) and shows what it understood. You then describe the scoring in a short form and
          publish it. Only import questionnaires your organisation may use.
        </p>
        <ImportForm />
      </Card>

      <Card>
        <CardTitle className="mb-1">Check-ins written for Attune</CardTitle>
        <p className="mb-3 text-sm text-muted">These come with the product and cannot be changed here. They are check-ins to follow change over time, not validated instruments.</p>
        <ul className="divide-y divide-line">
          {bundled.map((b) => (
            <li key={b.url} className="py-2.5">
              <p className="font-medium">
                {b.title} <span className="font-normal text-muted">· version {b.version}</span>
              </p>
              <p className="text-xs text-muted">
                {respondentLabels[b.respondent]} · {b.items} scored questions · total {formatScore(b.range.min)} to {formatScore(b.range.max)} · written for Attune, not a
                validated instrument
              </p>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
