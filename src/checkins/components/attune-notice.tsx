import { cn } from "@/components/ui/cn";

/**
 * Shown wherever a check-in written for Attune appears: it is a check-in, not a validated
 * instrument. The words are the questionnaire file's own (in the language shown); the heading
 * and label are the page's, English unless given.
 */
export function AttuneNotice({
  notice,
  compact = false,
  className,
  heading = "Written for Attune · not a validated instrument",
  label = "About this check-in",
}: {
  notice: string | null;
  compact?: boolean;
  className?: string;
  heading?: string;
  label?: string;
}) {
  if (!notice) return null;
  return (
    <aside aria-label={label} className={cn("rounded-md border border-warn/25 bg-warn-bg px-3 py-2 text-sm text-ink", className)}>
      <p className="font-semibold">{heading}</p>
      {compact ? null : <p className="mt-0.5 text-ink/80">{notice}</p>}
    </aside>
  );
}
