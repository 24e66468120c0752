import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { ImportForm } from "@/clients/components/import-form";
import { IMPORT_COLUMNS } from "@/clients/import";
import { Card } from "@/components/ui/card";
import { staffText } from "@/i18n/staff";

const t = staffText("importClients");

export const metadata: Metadata = { title: t("importClients") };

export default async function ImportClientsPage() {
  await requireActor(["counselor", "supervisor"]);
  return (
    <div className="space-y-6">
      <header>
        <Link href="/clients" className="text-sm text-muted hover:text-ink">
          {t("backToClients")}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("importClientsFromCsv")}</h1>
        <p className="text-sm text-muted">{t("importIntro")}</p>
      </header>
      <Card>
        <ImportForm columns={IMPORT_COLUMNS} />
      </Card>
    </div>
  );
}
