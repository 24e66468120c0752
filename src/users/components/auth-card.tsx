import { staffText } from "@/i18n/staff";

const t = staffText("auth");

/** The frame of the pages reached without a session: sign-in, and setting a password from a link. */
// `tagline: null` for pages a client reaches (unsubscribing): nothing there may say the person is in care.
export function AuthCard({
  title,
  intro,
  footer,
  tagline = t("tagline"),
  children,
}: {
  title: string;
  intro?: React.ReactNode;
  footer?: React.ReactNode;
  tagline?: string | null;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center gap-3">
          <svg aria-hidden="true" viewBox="0 0 32 32" className="h-9 w-9">
            <rect width="32" height="32" rx="7" fill="#2f6f68" />
            <path d="M6 20c3-8 6-8 10 0s7 8 10 0" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
          </svg>
          <div>
            <p className="text-xl font-semibold tracking-tight text-ink">{t("appName")}</p>
            {tagline ? <p className="text-sm text-muted">{tagline}</p> : null}
          </div>
        </div>
        <div className="rounded-lg border border-line bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">{title}</h1>
          {intro ? <div className="mb-5 text-sm text-muted">{intro}</div> : null}
          {children}
        </div>
        {footer}
      </div>
    </main>
  );
}
