import { describeCadence } from "@/scheduling/labels";
import { formatDay } from "../format";
import type { ScheduleView } from "../queries";
import { EndScheduleButton } from "./schedule-controls";
import { Badge } from "@/components/ui/badge";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

export function ScheduleList({ clientId, schedules }: { clientId: string; schedules: ScheduleView[] }) {
  if (schedules.length === 0) return <p className="text-sm text-muted">{t("nothingIsBeingSentTo")}</p>;
  return (
    <ul className="divide-y divide-line">
      {schedules.map((s) => (
        <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              {s.title} <span className="font-normal text-muted">· {s.byName}</span>
            </p>
            <p className="text-sm text-muted">
              {t("scheduleLine", { cadence: describeCadence(s.cadence), start: formatDay(s.startDate), hasEnd: s.endDate ? "yes" : "no", end: s.endDate ? formatDay(s.endDate) : "", count: s.expiryDays, days: String(s.expiryDays) })}
            </p>
          </div>
          <div className="flex shrink-0 flex-col items-end gap-2">
            {s.state.kind === "due" ? (
              <Badge tone="brand">{t("waitingUntil", { date: formatDay(s.state.closesOn) })}</Badge>
            ) : s.state.kind === "next" ? (
              <Badge>{t("nextOn", { date: formatDay(s.state.on) })}</Badge>
            ) : (
              <Badge>{t("finished")}</Badge>
            )}
            <EndScheduleButton clientId={clientId} scheduleId={s.id} version={s.version} title={s.title} />
          </div>
        </li>
      ))}
    </ul>
  );
}
