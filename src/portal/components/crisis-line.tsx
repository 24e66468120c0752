import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { countryFor } from "../crisis-defaults";
import { crisisResourcesFor } from "../crisis";
import type { PortalHolder } from "../session";

/** The crisis lines for the holder's country (their organisation's, else the built-in ones), in their language. */
export async function CrisisLine({ holder }: { holder: Pick<PortalHolder, "organisationId" | "country" | "timeZone" | "language"> }) {
  const [t, resources] = await Promise.all([
    getTranslations({ locale: holder.language, namespace: "crisis" }),
    crisisResourcesFor(getDb(), holder.organisationId, countryFor(holder.country, holder.timeZone)),
  ]);
  return (
    <aside aria-label={t("label")} className="rounded-lg border border-warn/30 bg-warn-bg px-4 py-3 text-sm text-ink">
      <p className="font-semibold">{t("heading")}</p>
      {resources.lines.length === 0 ? (
        <p className="mt-1">{t("fallback")}</p>
      ) : (
        <>
          <p className="mt-1">{t("intro")}</p>
          <ul className="mt-1 space-y-1">
            {resources.lines.map((line) => (
              <li key={line.name}>
                <strong>
                  <bdi>{line.name}</bdi>
                </strong>
                {": "}
                {line.contact !== null ? <bdi>{line.contact}</bdi> : t(line.text ? "callOrText" : "call", { phone: line.phone ?? "" })}
                {line.hours ? (
                  <>
                    {" · "}
                    <bdi>{line.hours}</bdi>
                  </>
                ) : line.allDay ? (
                  ` · ${t("allDay")}`
                ) : null}
              </li>
            ))}
          </ul>
          {resources.emergency ? <p className="mt-1">{t("emergency", { number: resources.emergency })}</p> : null}
        </>
      )}
      <p className="mt-1">{t("notWatched")}</p>
    </aside>
  );
}
