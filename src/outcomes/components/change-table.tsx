import { BandBadge, formatScore } from "@/checkins/components/score-parts";
import { formatDay } from "@/checkins/format";
import { Badge } from "@/components/ui/badge";
import type { IndicatorTrend } from "../trends";
import { rciSourceText } from "../rci-source";
import { verdictLabels, verdictTones } from "../verdict";
import { staffText } from "@/i18n/staff";

const t = staffText("changeTable");

const f3 = (n: number) => n.toFixed(2);
const band = (label: string | null, severity: number | null) => (label === null ? null : { label, severity: severity ?? 0 });

/** Baseline versus latest per indicator, with the reliable change index worked out on demand. */
export function ChangeTable({ indicators }: { indicators: readonly IndicatorTrend[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("baselineVersusLatestCheckIn")}</caption>
        <thead>
          <tr className="border-b border-line bg-canvas">
            <th scope="col" className="px-3 py-2 font-medium">{t("indicator")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("baseline")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("latest")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("change")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("reliableChangeIndex")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("verdict")}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => {
            const { baseline, latest } = i.endpoints;
            const c = i.change;
            return (
              <tr key={i.url} className="border-b border-line/60 align-top">
                <th scope="row" className="px-3 py-2 font-medium">
                  {i.title}
                  <span className="block text-xs font-normal text-muted">{i.direction === "higher_is_worse" ? t("lowerIsBetter") : t("higherIsBetter")}</span>
                </th>
                <td className="px-3 py-2">
                  {baseline ? (
                    <>
                      <span className="tabular-nums">{formatScore(baseline.total)}</span> <BandBadge band={band(baseline.band, baseline.severity)} />
                      <span className="block text-xs text-muted">{formatDay(baseline.day)}</span>
                    </>
                  ) : (
                    <span className="text-muted">{t("noCompleteCheckInYet")}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className="tabular-nums">{formatScore(latest.total)}</span> <BandBadge band={band(latest.band, latest.severity)} />
                  <span className="block text-xs text-muted">{formatDay(latest.day)}</span>
                </td>
                <td className="px-3 py-2 tabular-nums">{c ? `${c.difference > 0 ? "+" : c.difference < 0 ? "−" : ""}${formatScore(Math.abs(c.difference))}` : "—"}</td>
                <td className="px-3 py-2">
                  {c && i.rci ? (
                    <details>
                      <summary className="cursor-pointer tabular-nums">{f3(c.rci)}</summary>
                      <div className="mt-1 space-y-1 text-xs">
                        <p>{t("formulaSe", { sd: f3(c.sd), r: f3(c.r), se: f3(c.se) })}</p>
                        <p>{t("formulaSdiff", { sdiff: f3(c.sdiff) })}</p>
                        <p>{t("formulaRci", { post: formatScore(c.post), pre: formatScore(c.pre), sdiff: f3(c.sdiff), rci: f3(c.rci) })}</p>
                        <p>{t("reliableWhen", { reliable: c.reliable ? "yes" : "no" })}</p>
                        {c.cutoff !== null ? <p>{t("clinicalCutoff", { cutoff: f3(c.cutoff), method: c.cutoffMethod ?? "", crossed: c.crossedCutoff ? "yes" : "no" })}</p> : <p>{t("noNormsNoClinicalCut")}</p>}
                        <p className="text-muted">{i.rci.citation}</p>
                      </div>
                    </details>
                  ) : (
                    <span className="text-muted">{t("needsBaseline")}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {c ? <Badge tone={verdictTones[c.verdict]}>{verdictLabels[c.verdict]}</Badge> : <span className="text-muted">—</span>}
                  {c && i.rci ? <span className="mt-1 block text-xs text-muted">{rciSourceText(i.rci)}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
