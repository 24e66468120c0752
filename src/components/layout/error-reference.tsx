"use client";

import Link from "next/link";
import { useEffect } from "react";
import { staffText } from "@/i18n/staff";

const t = staffText("errors");

/** The error page's body: what happened in plain words, a reference to quote, and a way on. */
export function ErrorReference({ digest, reset }: { digest?: string; reset: () => void }) {
  useEffect(() => {
    document.title = t("documentTitle");
  }, []);
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-medium text-muted">{t("errorLabel")}</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("somethingWentWrong")}</h1>
      <p className="mt-3 text-sm text-muted">
        {t("errorBody")}
      </p>
      <p className="mt-3 font-mono text-sm" data-testid="error-reference">
        {digest ?? t("noReference")}
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={reset} className="rounded-md border border-line bg-white px-4 py-2 text-sm font-medium hover:bg-canvas">
          {t("tryAgain")}
        </button>
        <Link href="/" className="rounded-md border border-line bg-white px-4 py-2 text-sm font-medium hover:bg-canvas">
          {t("goHome")}
        </Link>
      </div>
    </main>
  );
}
