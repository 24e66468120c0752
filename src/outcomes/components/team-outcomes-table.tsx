import type { ChangeVerdict } from "../change";
import type { CounselorOutcomes, VerdictCounts } from "../team";
import { verdictLabels } from "../verdict";
import { staffText } from "@/i18n/staff";

const t = staffText("outcomes");

const order: ChangeVerdict[] = ["recovered", "improved", "no_reliable_change", "deteriorated"];
// No client with two check-ins yet: a dash with words, never a 0% that reads as a result.
const share = (n: number, of: number) => (of === 0 ? t("noneYet") : `${Math.round((100 * n) / of)}% (${n})`);

function Cells({ counts }: { counts: VerdictCounts }) {
  return (
    <>
      <td className="px-3 py-2 tabular-nums">{counts.clients}</td>
      {order.map((v) => (
        <td key={v} className="px-3 py-2 tabular-nums">
          {share(counts[v], counts.clients)}
        </td>
      ))}
      <td className="px-3 py-2 tabular-nums">{counts.tracked === 0 ? t("noCurveYet") : share(counts.notOnTrack, counts.tracked)}</td>
    </>
  );
}

/** Verdict shares per counselor and for everyone, as a table (the numbers are the content). */
export function TeamOutcomesTable({ counselors, overall }: { counselors: readonly CounselorOutcomes[]; overall: VerdictCounts }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr className="border-b border-line bg-canvas">
            <th scope="col" className="px-3 py-2 font-medium">{t("counselor")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("clientsWith2CheckIns")}</th>
            {order.map((v) => (
              <th key={v} scope="col" className="px-3 py-2 font-medium">
                {v === "no_reliable_change" ? t("unchanged") : verdictLabels[v]}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 font-medium">
              {t.rich("notOnTrackHeader", { muted: (chunks) => <span className="font-normal text-muted">{chunks}</span> })}
            </th>
          </tr>
        </thead>
        <tbody>
          {counselors.map((c) => (
            <tr key={c.counselorId} className="border-b border-line/60">
              <th scope="row" className="px-3 py-2 font-medium">
                {c.name}
              </th>
              <Cells counts={c.counts} />
            </tr>
          ))}
          <tr className="bg-canvas font-semibold">
            <th scope="row" className="px-3 py-2">
              {t("allCounselors")}
            </th>
            <Cells counts={overall} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
