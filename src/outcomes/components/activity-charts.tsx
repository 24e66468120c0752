import type { WeeklyAdherence } from "@/scheduling/cadence";
import { ChartFrame } from "@/components/charts/chart-frame";
import { encodeAdherence, encodeIntensity } from "../chart-series";
import type { IntensityPoint } from "../queries";
import { adherenceSummary, intensitySummary } from "../summaries";
import { AdherenceBars, IntensityLines } from "./trend-charts";
import { staffText } from "@/i18n/staff";

const t = staffText("trends");

const ADHERENCE_TITLE = t("adherenceChartTitle");
const INTENSITY_TITLE = t("intensityChartTitle");

export function AdherenceChart({ weeks }: { weeks: readonly WeeklyAdherence[] }) {
  return (
    <ChartFrame id="adherence" title={ADHERENCE_TITLE} summary={adherenceSummary(weeks)}>
      <AdherenceBars title={ADHERENCE_TITLE} weeks={encodeAdherence(weeks)} />
    </ChartFrame>
  );
}

export function IntensityChart({ points }: { points: readonly IntensityPoint[] }) {
  return (
    <ChartFrame id="intensity" title={INTENSITY_TITLE} summary={intensitySummary(points)} aside={<span className="text-sm font-medium">{t("lowerAfterIsBetter")}</span>}>
      <IntensityLines title={INTENSITY_TITLE} points={encodeIntensity(points)} />
    </ChartFrame>
  );
}
