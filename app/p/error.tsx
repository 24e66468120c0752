"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

// The portal's error page, in the holder's language (the root layout's provider carries it). The
// reference is the same one the server logs (instrumentation.ts); no way "home", as on not-found.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("portalStates");
  useEffect(() => {
    document.title = t("errorTitle");
  }, [t]);
  return (
    <div className="space-y-3 py-16 text-center">
      <p className="text-sm font-medium text-muted">{t("errorLabel")}</p>
      <h1 className="text-2xl font-semibold">{t("errorTitle")}</h1>
      <p className="text-base text-muted">{t("error")}</p>
      <p className="font-mono text-sm" data-testid="error-reference">
        {error.digest ?? t("noReference")}
      </p>
      <button type="button" onClick={reset} className="min-h-11 rounded-md border border-line bg-white px-4 text-base font-medium hover:bg-canvas">
        {t("tryAgain")}
      </button>
    </div>
  );
}
