import { getTranslations } from "next-intl/server";
import { directionOf } from "@/i18n/catalog";
import type { ClientSummary } from "../client-summary";

/** The plain-language summary, for the printable page and the client's portal alike, in the summary's language. */
export async function ClientSummaryView({ summary, headingLevel = 1 }: { summary: ClientSummary; headingLevel?: 1 | 2 }) {
  const H = headingLevel === 1 ? "h1" : "h2";
  const t = await getTranslations({ locale: summary.language, namespace: "summary" });
  return (
    <article aria-labelledby="summary-heading" lang={summary.language} dir={directionOf(summary.language)} className="space-y-5 text-base leading-relaxed">
      <header>
        <H id="summary-heading" className="text-2xl font-semibold tracking-tight">
          {t.rich("heading", { name: () => <bdi>{summary.greetingName}</bdi> })}
        </H>
        <p className="text-sm text-muted">{summary.period}</p>
      </header>
      <section aria-labelledby="summary-did" className="space-y-2">
        <h3 id="summary-did" className="text-lg font-semibold">
          {t("did")}
        </h3>
        <ul className="list-disc space-y-1 ps-5">
          {summary.did.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="summary-checkins" className="space-y-2">
        <h3 id="summary-checkins" className="text-lg font-semibold">
          {t("checkinsMoved")}
        </h3>
        <ul className="list-disc space-y-1 ps-5">
          {summary.checkins.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <p>{summary.closing}</p>
      <p className="text-sm text-muted">{summary.notice}</p>
    </article>
  );
}
