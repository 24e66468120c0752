import type { ClientSummary } from "../client-summary";

/** The plain-language summary, for the printable page and the client's portal alike. */
export function ClientSummaryView({ summary, headingLevel = 1 }: { summary: ClientSummary; headingLevel?: 1 | 2 }) {
  const H = headingLevel === 1 ? "h1" : "h2";
  return (
    <article aria-labelledby="summary-heading" className="space-y-5 text-base leading-relaxed">
      <header>
        <H id="summary-heading" className="text-2xl font-semibold tracking-tight">
          {summary.heading}, {summary.greetingName}
        </H>
        <p className="text-sm text-muted">{summary.period}</p>
      </header>
      <section aria-labelledby="summary-did" className="space-y-2">
        <h3 id="summary-did" className="text-lg font-semibold">
          What you did
        </h3>
        <ul className="list-disc space-y-1 pl-5">
          {summary.did.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="summary-checkins" className="space-y-2">
        <h3 id="summary-checkins" className="text-lg font-semibold">
          How your check-ins moved
        </h3>
        <ul className="list-disc space-y-1 pl-5">
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
