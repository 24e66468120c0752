import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { RANGES, rangeLabels, type Range } from "../range";
import { staffText } from "@/i18n/staff";

const t = staffText("trends");

/** Range choices as links: choosing one sets ?range= and the server draws the charts again. */
export function RangeLinks({ basePath, current, keep = {} }: { basePath: string; current: Range; keep?: Record<string, string> }) {
  return (
    <nav aria-label={t("range")} className="flex flex-wrap gap-1">
      {RANGES.map((r) => (
        <Link
          key={r}
          href={`${basePath}?${new URLSearchParams({ ...keep, range: r })}`}
          aria-current={r === current ? "page" : undefined}
          className={cn(
            "rounded-md border px-3 py-1 text-sm",
            r === current ? "border-brand-800 bg-brand-50 font-semibold text-brand-800" : "border-line bg-white text-ink hover:bg-canvas",
          )}
        >
          {rangeLabels[r]}
        </Link>
      ))}
    </nav>
  );
}
