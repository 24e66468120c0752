import { cn } from "./cn";

const tones = {
  neutral: "bg-canvas text-muted border-line",
  brand: "bg-brand-50 text-brand-800 border-brand-100",
  ok: "bg-ok-bg text-ok border-ok/20",
  warn: "bg-warn-bg text-warn border-warn/20",
  danger: "bg-danger-bg text-danger border-danger/20",
} as const;

export type BadgeTone = keyof typeof tones;

/** Status is always a word; the colour only repeats it. */
export function Badge({ tone = "neutral", className, ...props }: React.HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span className={cn("inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium", tones[tone], className)} {...props} />;
}
