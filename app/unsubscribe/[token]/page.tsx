import type { Metadata } from "next";
import { connection } from "next/server";
import { buttonClass } from "@/components/ui/button";
import { requestLanguage } from "@/i18n/request-language";
import { translator } from "@/i18n/translate";
import { AuthCard } from "@/users/components/auth-card";

// The token is in the path: never send it on as a referrer.
export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await requestLanguage(), "unsubscribe")("title"), referrer: "no-referrer" };
}

/**
 * Where an email's "Stop these emails" link leads. Opening it changes nothing (mail scanners open
 * links); the button does, through the same address mail programs use for one-click unsubscribe.
 * Its language is the one the link names (`?hl=`, the message's own), never looked up from the
 * token: the page answers the same for any token.
 */
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const { token } = await params;
  const language = await requestLanguage();
  const t = translator(language, "unsubscribe");
  const done = (await searchParams).saved === "1";
  return (
    <AuthCard title={done ? t("doneTitle") : t("title")} tagline={null}>
      {done ? (
        <p className="text-sm">{t("done")}</p>
      ) : (
        <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}?hl=${encodeURIComponent(language)}`} className="space-y-4">
          <p className="text-sm">{t("question")}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" className={buttonClass("primary")}>
            {t("button")}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
