import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { LoginForm } from "@/auth/components/login-form";
import { insecureCookiesAllowed, isLoopbackHost } from "@/auth/cookies";
import { getActor } from "@/auth/session";
import { staffText, type StaffKey } from "@/i18n/staff";
import { safeCallbackPath } from "@/lib/safe-path";
import { AuthCard } from "@/users/components/auth-card";

const t = staffText("login");

export const metadata: Metadata = { title: t("title") };

const reasons = {
  idle: "reasonIdle",
  ended: "reasonEnded",
  signed_out: "reasonSignedOut",
  password_changed: "reasonPasswordChanged",
  invite_accepted: "reasonInviteAccepted",
} as const satisfies Record<string, StaffKey<"login">>;

const searchSchema = z.object({
  reason: z.enum(Object.keys(reasons) as [keyof typeof reasons]).optional().catch(undefined),
  callbackUrl: z.string().optional().catch(undefined),
});

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason, callbackUrl } = searchSchema.parse(await searchParams);
  if (await getActor()) redirect(safeCallbackPath(callbackUrl));
  // Browsers drop Secure (__Host-) cookies on plain http except on localhost: say why sign-in
  // cannot work here rather than fail without a word.
  const h = await headers();
  const plainHttp = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "http" && !isLoopbackHost(h.get("host") ?? "") && !insecureCookiesAllowed();
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <p className="mt-6 text-xs leading-relaxed text-muted">
          {t("footer")}
        </p>
      }
    >
      {reason ? (
        <p role="status" className="mb-4 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800">
          {t(reasons[reason])}
        </p>
      ) : null}
      {plainHttp ? (
        <p role="alert" className="mb-4 rounded-md border border-danger/30 bg-danger-bg px-3 py-2 text-sm text-danger">
          {t("plainHttp")}
        </p>
      ) : null}
      <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} />
    </AuthCard>
  );
}
