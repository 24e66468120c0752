import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PortalHolder } from "@/portal/session";
import { formatDay } from "../format";
import type { PortalDueCheckin } from "../portal";

/**
 * The portal's list of check-ins waiting for the link's holder (their own only), each with the
 * last day it can be done. Renders nothing when none is due, unless `always` is set. The page
 * reads the list (portalDueCheckins): components do not query.
 */
export async function PortalCheckins({ holder, token, due, always = false }: { holder: Pick<PortalHolder, "language">; token: string; due: PortalDueCheckin[]; always?: boolean }) {
  const t = await getTranslations({ locale: holder.language, namespace: "portal" });
  if (due.length === 0 && !always) return null;
  return (
    <section aria-labelledby="checkins-due" className="space-y-3">
      <h2 id="checkins-due" className="text-sm font-semibold uppercase tracking-wide text-muted">
        {t("checkins.yours")}
      </h2>
      {due.length === 0 ? <p className="text-base text-muted">{t("checkins.none")}</p> : null}
      <ul className="space-y-3">
        {due.map((c) => (
          <li key={c.scheduleId} className="rounded-lg border border-line bg-white p-4">
            <p className="text-base font-semibold" lang={c.language}>
              <bdi>{c.title}</bdi>
            </p>
            <p className="text-sm text-muted">{t("checkins.meta", { questions: c.questions, closes: formatDay(c.closesOn, "medium", holder.language) })}</p>
            <Link
              href={`/p/${token}/c/${c.scheduleId}`}
              aria-label={`${t("start")}: ${c.title}`}
              className="mt-3 flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 text-base font-medium text-white hover:bg-brand-700"
            >
              {t("start")}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
