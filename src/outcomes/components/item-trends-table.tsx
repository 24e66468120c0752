import { formatDay } from "@/checkins/format";
import { Sparkline } from "@/components/charts/sparkline";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ItemMove, ItemTrend } from "../item-summary";
import { staffText } from "@/i18n/staff";

const t = staffText("trends");

const moveText: Record<ItemMove, { label: string; symbol: string; tone: BadgeTone }> = {
  better: { label: t("movedTheBetterWay"), symbol: "▲", tone: "ok" },
  worse: { label: t("movedTheWorseWay"), symbol: "▼", tone: "danger" },
  no_move: { label: t("littleChange"), symbol: "•", tone: "neutral" },
};

const score = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const signed = (n: number) => (n > 0 ? `+${score(n)}` : score(n));
const period = (e: { from: string; to: string }) => (e.from === e.to ? formatDay(e.from) : `${formatDay(e.from)} – ${formatDay(e.to)}`);

/** One row per question, the ones that moved most first; every value is in the table as text. */
export function ItemTrendsTable({ items, title }: { items: readonly ItemTrend[]; title: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      {/* Wide enough to read on a phone: the table scrolls sideways rather than crushing the questions. */}
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">{t("itemTrendsCaption", { title })}</caption>
        <thead>
          <tr className="border-b border-line bg-canvas">
            <th scope="col" className="px-3 py-2 font-medium">{t("question")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("start")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("end")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("change")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("overTime")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const move = item.move ? moveText[item.move] : null;
            return (
              <tr key={item.linkId} className="border-b border-line/60 align-top">
                <th scope="row" className="min-w-[14rem] max-w-md px-3 py-2 font-normal">
                  {item.text}
                  <span className="block text-xs text-muted">
                    {t("itemScoring", { reversed: item.reversed ? "yes" : "no", min: String(item.min), max: String(item.max), count: item.answered, answered: String(item.answered) })}
                  </span>
                </th>
                <td className="px-3 py-2">
                  {item.start ? (
                    <>
                      <span className="tabular-nums">{score(item.start.value)}</span>
                      <span className="block text-xs text-muted">{period(item.start)}</span>
                    </>
                  ) : (
                    <span className="text-muted">{t("tooFewAnswers")}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {item.end ? (
                    <>
                      <span className="tabular-nums">{score(item.end.value)}</span>
                      <span className="block text-xs text-muted">{period(item.end)}</span>
                    </>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {item.change !== null && move ? (
                    <>
                      <span className="tabular-nums">{signed(item.change)}</span>{" "}
                      <Badge tone={move.tone}>
                        <span aria-hidden="true">{move.symbol}&nbsp;</span>
                        {move.label}
                      </Badge>
                    </>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <Sparkline
                    values={item.values}
                    min={item.min}
                    max={item.max}
                    width={120}
                    height={24}
                    label={item.values.length ? t("answersOverTime", { text: item.text, values: item.values.map(score).join(", ") }) : t("noAnswersInPeriod")}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
