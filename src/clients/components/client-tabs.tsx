"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { staffText } from "@/i18n/staff";

const t = staffText("clientPage");

export function ClientTabs({ clientId, tabs }: { clientId: string; tabs: { segment: string; label: string }[] }) {
  const pathname = usePathname();
  const base = `/clients/${clientId}`;
  return (
    <nav aria-label={t("clientRecord")} className="-mb-px flex gap-1 overflow-x-auto border-b border-line">
      {tabs.map((tab) => {
        const href = tab.segment ? `${base}/${tab.segment}` : base;
        const active = tab.segment ? pathname.startsWith(href) : pathname === base || pathname === `${base}/edit`;
        return (
          <Link
            key={tab.segment}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-brand-600 text-brand-800" : "border-transparent text-muted hover:border-line hover:text-ink",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
