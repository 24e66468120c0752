import { getTranslations } from "next-intl/server";
import type { CrisisResources } from "../crisis";

/**
 * The crisis lines for the holder's country (their organisation's, else the built-in ones), in
 * their language. The page reads them (crisisResourcesForHolder): components do not query.
 */
export async function CrisisLine({ resources, language }: { resources: CrisisResources; language: string }) {
  const t = await getTranslations({ locale: language, namespace: "crisis" });
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
