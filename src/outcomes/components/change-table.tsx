import { BandBadge, formatScore } from "@/checkins/components/score-parts";
import { formatDay } from "@/checkins/format";
import { Badge } from "@/components/ui/badge";
import type { IndicatorTrend } from "../trends";
import { rciSourceText } from "../rci-source";
import { verdictLabels, verdictTones } from "../verdict";

const f3 = (n: number) => n.toFixed(2);
const band = (label: string | null, severity: number | null) => (label === null ? null : { label, severity: severity ?? 0 });

/** Baseline versus latest per indicator, with the reliable change index worked out on demand. */
export function ChangeTable({ indicators }: { indicators: readonly IndicatorTrend[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Baseline versus latest check-in per indicator</caption>
        <thead>
          <tr className="border-b border-line bg-canvas">
            <th scope="col" className="px-3 py-2 font-medium">Indicator</th>
            <th scope="col" className="px-3 py-2 font-medium">Baseline</th>
            <th scope="col" className="px-3 py-2 font-medium">Latest</th>
            <th scope="col" className="px-3 py-2 font-medium">Change</th>
            <th scope="col" className="px-3 py-2 font-medium">Reliable change index</th>
            <th scope="col" className="px-3 py-2 font-medium">Verdict</th>
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
                  <span className="block text-xs font-normal text-muted">{i.direction === "higher_is_worse" ? "Lower is better" : "Higher is better"}</span>
                </th>
                <td className="px-3 py-2">
                  {baseline ? (
                    <>
                      <span className="tabular-nums">{formatScore(baseline.total)}</span> <BandBadge band={band(baseline.band, baseline.severity)} />
                      <span className="block text-xs text-muted">{formatDay(baseline.day)}</span>
                    </>
                  ) : (
                    <span className="text-muted">No complete check-in yet</span>
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
                        <p>S_E = SD·√(1−r) = {f3(c.sd)}·√(1−{f3(c.r)}) = {f3(c.se)}</p>
                        <p>S_diff = √2·S_E = {f3(c.sdiff)}</p>
                        <p>
                          RCI = (post − pre)/S_diff = ({formatScore(c.post)} − {formatScore(c.pre)})/{f3(c.sdiff)} = {f3(c.rci)}
                        </p>
                        <p>Reliable when |RCI| ≥ 1.96: {c.reliable ? "yes" : "no"}.</p>
                        {c.cutoff !== null ? <p>Clinical cut-off: {f3(c.cutoff)} (method {c.cutoffMethod}); crossed: {c.crossedCutoff ? "yes" : "no"}.</p> : <p>No norms: no clinical cut-off.</p>}
                        <p className="text-muted">{i.rci.citation}</p>
                      </div>
                    </details>
                  ) : (
                    <span className="text-muted">Needs a baseline and a later check-in</span>
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
