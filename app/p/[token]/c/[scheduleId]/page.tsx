import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { attuneNotice } from "@/checkins/catalog";
import { AttuneNotice } from "@/checkins/components/attune-notice";
import { PortalCheckinForm } from "@/checkins/components/portal-checkin-form";
import { formatDay } from "@/checkins/format";
import { portalCheckinState } from "@/checkins/portal";
import { getDb } from "@/db/client";
import { CrisisLine } from "@/portal/components/crisis-line";
import { requirePortalRecord } from "@/portal/page-context";
import { crisisResourcesForHolder } from "@/portal/crisis";

export default async function PortalCheckin({ params }: { params: Promise<{ token: string; scheduleId: string }> }) {
  const { token, scheduleId } = await params;
  const { holder, record: state } = await requirePortalRecord(token, "checkin", (h) => portalCheckinState(getDb(), h, scheduleId));
  const [t, crisis] = await Promise.all([getTranslations({ locale: holder.language, namespace: "portal" }), crisisResourcesForHolder(getDb(), holder)]);
  const back = (
    <Link href={`/p/${token}`} className="text-sm text-muted hover:text-ink">
      {t("back")}
    </Link>
  );
  if (state.kind !== "due") {
    return (
      <div className="space-y-6">
        {back}
        <h1 className="text-2xl font-semibold tracking-tight">
          <bdi>{state.title}</bdi>
        </h1>
        <div role="status" className={state.kind === "done" ? "rounded-lg border border-ok/30 bg-ok-bg p-4 text-base text-ok" : "rounded-lg border border-line bg-white p-4 text-base"}>
          {state.kind === "done" ? (
            <p>
              {t("checkin.saved")}
              {state.critical ? ` ${t("checkin.followUp")}` : ""}
            </p>
          ) : (
            <p>{t("checkin.closed")}</p>
          )}
          {state.next ? <p className="mt-1 text-sm text-muted">{t("checkin.next", { date: formatDay(state.next, "full", holder.language) })}</p> : null}
        </div>
        <a href={`/p/${token}`} className="inline-block rounded-md border border-line bg-white px-4 py-3 text-base font-medium">
          {t("backToday")}
        </a>
        <CrisisLine resources={crisis} language={holder.language} />
      </div>
    );
  }
  const { checkin } = state;
  return (
    <div className="space-y-6">
      {back}
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">
          <bdi>{checkin.title}</bdi>
        </h1>
        <p className="text-sm text-muted">{t("checkin.intro", { questions: checkin.questions, closes: formatDay(checkin.closesOn, "full", holder.language) })}</p>
      </header>
      <AttuneNotice notice={attuneNotice(checkin.instrument)} heading={t("checkin.notice")} label={t("checkin.aboutLabel")} />
      <PortalCheckinForm token={token} scheduleId={scheduleId} instrument={checkin.instrument} language={checkin.language} />
      <CrisisLine resources={crisis} language={holder.language} />
    </div>
  );
}
