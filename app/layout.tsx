import type { Metadata, Viewport } from "next";
import { SubmitSizeGuard } from "@/components/ui/submit-size-guard";
import { NextIntlClientProvider } from "next-intl";
import { directionOf } from "@/i18n/catalog";
import { clientMessages } from "@/i18n/client-messages";
import { requestLanguage } from "@/i18n/request-language";
import { staffText } from "@/i18n/staff";
import "./globals.css";

const t = staffText("layout");

export const metadata: Metadata = {
  title: { default: t("appName"), template: t("titleTemplate") },
  description: t("description"),
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2f6f68" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // English everywhere but the portal, whose language is its link's holder's.
  const language = await requestLanguage();
  return (
    <html lang={language} dir={directionOf(language)}>
      <body className="min-h-screen">
        <NextIntlClientProvider locale={language} messages={clientMessages(language)} timeZone="UTC">
          {children}
        </NextIntlClientProvider>
        <SubmitSizeGuard />
      </body>
    </html>
  );
}
