import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { createClientAction } from "@/clients/actions";
import { ClientForm } from "@/clients/components/client-form";
import { countryOptions, languageOptions, newClientDefaults, timeZoneList } from "@/clients/form-data";
import { counselorOptions } from "@/clients/queries";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("clientForm");

export const metadata: Metadata = { title: t("newClient") };

export default async function NewClientPage() {
  const actor = await requireActor(["counselor", "supervisor"]);
  const counselors = await counselorOptions(getDb(), actor);
  return (
    <div className="space-y-6">
      <header>
        <Link href="/clients" className="text-sm text-muted hover:text-ink">
          {t("backToClients")}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("newClient")}</h1>
      </header>
      <Card>
        <ClientForm action={createClientAction} defaults={newClientDefaults(actor)} counselors={counselors} timeZones={timeZoneList()} languages={languageOptions()} countries={countryOptions()} submitLabel={t("createClient")} />
      </Card>
    </div>
  );
}
