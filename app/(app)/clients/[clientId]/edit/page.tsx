import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { updateClientAction } from "@/clients/actions";
import { ClientForm } from "@/clients/components/client-form";
import { countryOptions, editClientDefaults, languageOptions, timeZoneList } from "@/clients/form-data";
import { counselorOptions, getClientForActor } from "@/clients/queries";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("clientForm");

export const metadata: Metadata = { title: t("editClient") };

export default async function EditClientPage({ params }: { params: Promise<{ clientId: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client || client.status === "discharged") notFound();
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "edit" } });
  return (
    <Card>
      <CardTitle className="mb-4">{t("editDetails")}</CardTitle>
      <ClientForm action={updateClientAction} defaults={editClientDefaults(client)} counselors={await counselorOptions(getDb(), actor)} timeZones={timeZoneList()} languages={languageOptions()} countries={countryOptions()} submitLabel={t("saveChanges")} />
    </Card>
  );
}
