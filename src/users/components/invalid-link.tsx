import Link from "next/link";
import { staffText } from "@/i18n/staff";
import { AuthCard } from "./auth-card";

const t = staffText("auth");

/** The one page for a used, revoked, expired or unknown link: it does not say which. */
export function InvalidLink() {
  return (
    <AuthCard title={t("invalidLinkTitle")}>
      <p className="text-sm text-muted">
        {t("invalidLinkBody")}
      </p>
      <Link href="/login" className="mt-5 inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
        {t("goToSignIn")}
      </Link>
    </AuthCard>
  );
}
