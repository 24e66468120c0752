"use client";

import Link from "next/link";
import { useEffect } from "react";

/** The error page's body: what happened in plain words, a reference to quote, and a way on. */
export function ErrorReference({ digest, reset }: { digest?: string; reset: () => void }) {
  useEffect(() => {
    document.title = "Error: something went wrong · Attune";
  }, []);
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-medium text-muted">Error</p>
      <h1 className="mt-2 text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-sm text-muted">
        Attune could not finish this request. Anything you were typing is still in the form if you go back. Try again; if it keeps happening, give your administrator this reference:
      </p>
      <p className="mt-3 font-mono text-sm" data-testid="error-reference">
        {digest ?? "none (the error happened in your browser)"}
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={reset} className="rounded-md border border-line bg-white px-4 py-2 text-sm font-medium hover:bg-canvas">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-line bg-white px-4 py-2 text-sm font-medium hover:bg-canvas">
          Go to home
        </Link>
      </div>
    </main>
  );
}
