import Link from "next/link";
import { attuneNotice } from "@/checkins/catalog";
import { AttuneNotice } from "@/checkins/components/attune-notice";
import { PortalCheckinForm } from "@/checkins/components/portal-checkin-form";
import { formatDay } from "@/checkins/format";
import { portalCheckinState } from "@/checkins/portal";
import { getDb } from "@/db/client";
import { CrisisLine } from "@/portal/components/crisis-line";
import { requirePortalRecord } from "@/portal/page-context";

export default async function PortalCheckin({ params }: { params: Promise<{ token: string; scheduleId: string }> }) {
  const { token, scheduleId } = await params;
  const { record: state } = await requirePortalRecord(token, "checkin", (h) => portalCheckinState(getDb(), h, scheduleId));
  const back = (
    <Link href={`/p/${token}`} className="text-sm text-muted hover:text-ink">
      ← Back to today
    </Link>
  );
  if (state.kind !== "due") {
    return (
      <div className="space-y-6">
        {back}
        <h1 className="text-2xl font-semibold tracking-tight">{state.title}</h1>
        <div role="status" className={state.kind === "done" ? "rounded-lg border border-ok/30 bg-ok-bg p-4 text-base text-ok" : "rounded-lg border border-line bg-white p-4 text-base"}>
          {state.kind === "done" ? (
            <p>
              Saved. Thank you for taking a moment for this.
              {state.critical ? " Your counselor will see your answers and follow up with you." : ""}
            </p>
          ) : (
            <p>This check-in has closed. Your counselor will send the next one.</p>
          )}
          {state.next ? <p className="mt-1 text-sm text-muted">The next one comes on {formatDay(state.next, "full")}.</p> : null}
        </div>
        <a href={`/p/${token}`} className="inline-block rounded-md border border-line bg-white px-4 py-3 text-base font-medium">
          Back to today
        </a>
        <CrisisLine />
      </div>
    );
  }
  const { checkin } = state;
  return (
    <div className="space-y-6">
      {back}
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{checkin.title}</h1>
        <p className="text-sm text-muted">
          {checkin.questions} short questions. Open until {formatDay(checkin.closesOn, "full")}.
        </p>
      </header>
      <AttuneNotice notice={attuneNotice(checkin.instrument)} />
      <PortalCheckinForm token={token} scheduleId={scheduleId} instrument={checkin.instrument} />
      <CrisisLine />
    </div>
  );
}
