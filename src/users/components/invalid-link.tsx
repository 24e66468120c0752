import Link from "next/link";
import { AuthCard } from "./auth-card";

/** The one page for a used, revoked, expired or unknown link: it does not say which. */
export function InvalidLink() {
  return (
    <AuthCard title="This link is not valid any more">
      <p className="text-sm text-muted">
        Links to set a password work once and only for a limited time. Ask your organisation&apos;s administrator for a new one.
      </p>
      <Link href="/login" className="mt-5 inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
        Go to sign-in
      </Link>
    </AuthCard>
  );
}
