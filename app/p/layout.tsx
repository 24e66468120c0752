import type { Metadata } from "next";

export const metadata: Metadata = { title: "Your exercises", referrer: "no-referrer", robots: { index: false, follow: false } };

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-canvas">
      <main className="mx-auto max-w-md px-4 pb-16 pt-6">{children}</main>
    </div>
  );
}
