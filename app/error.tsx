"use client";

import { ErrorReference } from "@/components/layout/error-reference";

// Whatever failed on the server, the person sees this and a reference to quote; the details
// (stack, SQL) stay in the server's log under the same reference (instrumentation.ts).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorReference digest={error.digest} reset={reset} />;
}
