import type { Metadata } from "next";
import { requestLanguage } from "@/i18n/request-language";
import { translator } from "@/i18n/translate";

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(await requestLanguage(), "portal");
  return { title: t("pageTitle"), referrer: "no-referrer", robots: { index: false, follow: false } };
}

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-canvas">
      <main className="mx-auto max-w-md px-4 pb-16 pt-6">{children}</main>
    </div>
  );
}
