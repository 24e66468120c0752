import { Badge, type BadgeTone } from "@/components/ui/badge";
import { staffText } from "@/i18n/staff";

const t = staffText("checkins");

export const statusLabels = { complete: t("statusComplete"), prorated: t("statusProrated"), invalid: t("statusNoTotal") };
const statusTones: Record<keyof typeof statusLabels, BadgeTone> = { complete: "neutral", prorated: "warn", invalid: "danger" };

/** The band as a word; the colour only repeats its severity (0 = least concern). */
export function BandBadge({ band }: { band: { label: string; severity: number } | null }) {
  if (!band) return <span className="text-muted">—</span>;
  const tone: BadgeTone = band.severity === 0 ? "ok" : band.severity === 1 ? "brand" : band.severity === 2 ? "warn" : "danger";
  return <Badge tone={tone}>{band.label}</Badge>;
}

export function StatusBadge({ status, answered, expected }: { status: keyof typeof statusLabels; answered: number; expected: number }) {
  const detail = status === "complete" ? "" : t("answeredOfExpected", { answered: String(answered), expected: String(expected) });
  return (
    <Badge tone={statusTones[status]}>
      {statusLabels[status]}
      {detail}
    </Badge>
  );
}

export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, "");
}

/** "−4 (better)": the sign says the direction of the number, the word what it means. */
export function ChangeText({ change }: { change: { delta: number; verdict: "better" | "worse" | "same" } | null }) {
  if (!change) return <span className="text-muted">—</span>;
  if (change.delta === 0) return <span className="text-muted">{t("noChange")}</span>;
  const sign = change.delta > 0 ? "+" : "−";
  const tone = change.verdict === "better" ? "text-ok" : change.verdict === "worse" ? "text-danger" : "text-muted";
  return (
    <span className="whitespace-nowrap">
      {sign}
      {formatScore(Math.abs(change.delta))} <span className={tone}>{t("changeVerdict", { verdict: change.verdict })}</span>
    </span>
  );
}
