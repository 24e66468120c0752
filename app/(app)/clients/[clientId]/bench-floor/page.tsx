import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { getClientForActor } from "@/clients/queries";
import { requireBenchFloor } from "@/lib/bench-floor";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";

const t = staffText("clientPage");

export const metadata: Metadata = { title: t("benchmarkFloor") };

/**
 * The benchmark's floor for a client's tabs (npm run bench): what every tab does before its own
 * data (the signed-in layout, the session check, the client's header and tabs with their access
 * check, and the access audit every tab writes), and nothing else. Linked from nowhere; the same
 * people may open it as the client's other tabs, and opening it is audited like them. It answers
 * 404 unless the benchmark started the server (see requireBenchFloor).
 */
export default async function ClientBenchFloorPage({ params }: { params: Promise<{ clientId: string }> }) {
  await requireBenchFloor();
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "bench-floor" } });
  return <p className="text-sm text-muted">{t("benchFloorEmpty")}</p>;
}
