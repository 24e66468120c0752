import type { Metadata, Viewport } from "next";
import { SubmitSizeGuard } from "@/components/ui/submit-size-guard";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Attune", template: "%s · Attune" },
  description: "Attune: follow clients' reconnection with their feelings and the people around them.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2f6f68" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        {children}
        <SubmitSizeGuard />
      </body>
    </html>
  );
}
