import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/auth/session";
import { administerAction } from "@/checkins/actions";
import { attuneNotice, respondentLabels } from "@/checkins/catalog";
import { AttuneNotice } from "@/checkins/components/attune-notice";
import { CheckinForm } from "@/checkins/components/checkin-form";
import { currentInstrument } from "@/checkins/instruments";
import { getClientForActor } from "@/clients/queries";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listSupportNetwork } from "@/support-network/queries";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

export const metadata: Metadata = { title: t("takeACheckIn") };

const searchSchema = z.object({ instrument: z.string().min(1).max(300), respondent: z.string().max(64).default("client") });

export default async function NewCheckin({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const query = searchSchema.safeParse(await searchParams);
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client || !query.success) notFound();
  const current = await currentInstrument(getDb(), actor.organisationId, query.data.instrument);
  if (!current) notFound();
  const { instrument, respondent } = current;
  let answeringName = client.preferredName ?? client.name;
  if (respondent === "family") {
    const contact = (await listSupportNetwork(getDb(), actor, client.id, client.timeZone)).find((c) => c.id === query.data.respondent);
    if (!contact) notFound();
    answeringName = contact.name;
  } else if (query.data.respondent !== "client") notFound();

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link href={`/clients/${client.id}/checkins`} className="text-sm text-muted hover:text-ink">
        {t("backToCheckIns")}
      </Link>
      <header>
        <h2 className="text-xl font-semibold tracking-tight">{instrument.title}</h2>
        <p className="text-sm text-muted">
          {respondent === "clinician"
            ? t("youRate", { name: answeringName, version: String(instrument.version) })
            : t("respondentInSession", { respondent: respondentLabels[respondent], name: answeringName, version: String(instrument.version) })}
        </p>
      </header>
      <AttuneNotice notice={attuneNotice(instrument)} />
      {instrument.copyright && !attuneNotice(instrument) ? <p className="text-xs text-muted">{instrument.copyright}</p> : null}
      <Card>
        <CheckinForm
          instrument={instrument}
          action={administerAction}
          hidden={{ clientId: client.id, instrument: instrument.canonical, respondent: query.data.respondent }}
          tone="counselor"
          submitLabel={t("saveAndScore")}
        />
      </Card>
    </div>
  );
}
