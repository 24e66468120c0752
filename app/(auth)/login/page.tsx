import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { LoginForm } from "@/auth/components/login-form";
import { insecureCookiesAllowed, isLoopbackHost } from "@/auth/cookies";
import { getActor } from "@/auth/session";
import { safeCallbackPath } from "@/lib/safe-path";
import { AuthCard } from "@/users/components/auth-card";

export const metadata: Metadata = { title: "Sign in" };

const reasons = {
  idle: "You were signed out after 15 minutes without activity. Sign in again to continue.",
  ended: "Your session has ended because your account changed. Sign in again to continue.",
  signed_out: "You have signed out.",
  password_changed: "Your password was changed. Sign in with your new password.",
  invite_accepted: "Your account is ready. Sign in with your email and your new password.",
} as const;

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
      title="Sign in"
      intro="Use the email address your organisation invited you with."
      footer={
        <p className="mt-6 text-xs leading-relaxed text-muted">
          Attune holds records protected by federal confidentiality rules for substance use treatment. Every access is
          recorded. Clients open their own exercises through the private link their counselor gave them.
        </p>
      }
    >
      {reason ? (
        <p role="status" className="mb-4 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800">
          {reasons[reason]}
        </p>
      ) : null}
      {plainHttp ? (
        <p role="alert" className="mb-4 rounded-md border border-danger/30 bg-danger-bg px-3 py-2 text-sm text-danger">
          This address uses plain http, so your browser will not keep the sign-in. Open Attune over https, or as http://localhost on this machine.
        </p>
      ) : null}
      <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} />
    </AuthCard>
  );
}
