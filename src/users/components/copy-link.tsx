"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { formatUtc } from "@/audit/components/format-time";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import { staffText } from "@/i18n/staff";

const t = staffText("users");

const noSubscription = () => () => {};

/** A one-time link shown once, to copy and send: it is not stored anywhere it could be read again. */
export function CopyLink({ label, path, expiresAt }: { label: string; path: string; expiresAt: string }) {
  const id = useId();
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
  const url = `${origin}${path}`;
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div className="space-y-2 rounded-md border border-brand-100 bg-brand-50/60 p-4">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input id={id} readOnly value={url} onFocus={(e) => e.currentTarget.select()} className={cn(inputClass, "font-mono text-xs")} />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          {t("copyLink")}
        </Button>
      </div>
      <p role="status" aria-live="polite" className={cn("min-h-5 text-sm", copied === "failed" ? "text-danger" : "text-ok")}>
        {copied === "copied" ? t("copied") : copied === "failed" ? t("copyBlocked") : ""}
      </p>
      <p className="text-xs text-muted">
        {t("linkExpiry", { expiresAt: formatUtc(expiresAt) })}
      </p>
    </div>
  );
}
