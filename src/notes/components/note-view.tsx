import { Badge } from "@/components/ui/badge";
import { relationshipLabels } from "@/support-network/schemas";
import type { NoteDetail } from "../detail";
import { formatSessionDate, formatSignedAt, sessionFacts } from "../format";
import { engagementLabels, noteTypeLabels, topicLabels } from "../schemas";
import { NoteStatusBadge } from "./note-status-badge";

type Sub = "h2" | "h3";

function Section({ title, text, hint, as: H }: { title: string; text: string; hint?: string; as: Sub }) {
  return (
    <section className="space-y-1">
      <H className="text-sm font-semibold text-ink">{title}</H>
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
      {text.trim() ? <p className="max-w-prose whitespace-pre-wrap text-[0.95rem] leading-relaxed text-ink">{text}</p> : <p className="text-sm italic text-muted">Not written.</p>}
    </section>
  );
}

function FamilyDetails({ note, as: H }: { note: NoteDetail; as: Sub }) {
  return (
    <div className="grid gap-4 rounded-md border border-line bg-canvas/60 p-4 sm:grid-cols-2">
      <section>
        <H className="text-sm font-semibold">Who attended</H>
        {note.attendees.length ? (
          <ul className="mt-2 space-y-1.5 text-sm">
            {note.attendees.map((a) => (
              <li key={a.contactId} className="flex flex-wrap items-center gap-x-2">
                <span className="font-medium">{a.name}</span>
                <span className="text-muted">{relationshipLabels[a.relationship]}</span>
                <Badge tone={a.engagement === "not_engaged" ? "warn" : "neutral"}>{a.engagement ? engagementLabels[a.engagement] : "Engagement not rated"}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-muted">No one from the support network is recorded.</p>
        )}
      </section>
      <section>
        <H className="text-sm font-semibold">Topics</H>
        {note.topics.length ? (
          <ul className="mt-2 flex flex-wrap gap-1.5">
            {note.topics.map((t) => (
              <li key={t}>
                <Badge tone="brand">{t === "other" && note.topicsOther ? `Other: ${note.topicsOther}` : topicLabels[t]}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-muted">No topics ticked.</p>
        )}
      </section>
    </div>
  );
}

/**
 * One note, read-only: what the session was, the DAP text, the parts this reader may see, who
 * signed and co-signed it and when, and its addenda in the order they were signed.
 */
export function NoteView({ note, timeZone, headingLevel = 2 }: { note: NoteDetail; timeZone: string; headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const H: Sub = headingLevel === 1 ? "h2" : "h3";
  const group = note.type === "group";
  return (
    <article aria-labelledby="note-title" className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-line pb-4">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-muted">{noteTypeLabels[note.type]} session</p>
          <Heading id="note-title" className="mt-0.5 text-xl font-semibold tracking-tight">
            {formatSessionDate(note.sessionDate)}
          </Heading>
          <p className="mt-1 text-sm text-muted">{sessionFacts(note)}</p>
        </div>
        <NoteStatusBadge note={{ status: note.status, cosignRequired: note.cosignRequired, cosigned: Boolean(note.cosignedAt) }} />
      </header>

      {note.type === "family_support" ? <FamilyDetails note={note} as={H} /> : null}
      {group ? (
        <p className="rounded-md border border-line bg-canvas/60 px-4 py-3 text-sm text-muted">
          Group session with {note.groupSize} attendees. The shared part appears in every attendee&apos;s record; each record shows only that attendee&apos;s own individual part.
        </p>
      ) : null}

      <div className="space-y-5">
        {group ? <p className="text-xs font-medium uppercase tracking-wide text-muted">Shared part</p> : null}
        <Section as={H} title="Data" text={note.data} />
        <Section as={H} title="Assessment" text={note.assessment} />
        <Section as={H} title="Plan" text={note.plan} />
      </div>

      {note.parts.map((p) => (
        <section key={p.clientId} className="space-y-1 border-l-2 border-brand-100 pl-4">
          <H className="text-sm font-semibold">Individual part: {p.name}</H>
          {p.individualPart.trim() ? <p className="max-w-prose whitespace-pre-wrap text-[0.95rem] leading-relaxed">{p.individualPart}</p> : <p className="text-sm italic text-muted">Not written.</p>}
        </section>
      ))}

      <footer className="rounded-md border border-line bg-canvas/60 px-4 py-3 text-sm">
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted">Written by</dt>
          <dd>{note.authorName}</dd>
          <dt className="text-muted">Signed</dt>
          <dd>{note.signedAt ? `${formatSignedAt(note.signedAt, timeZone)} by ${note.authorName}` : "Not signed yet (draft)"}</dd>
          {note.cosignRequired ? (
            <>
              <dt className="text-muted">Co-signed</dt>
              <dd>{note.cosignedAt ? `${formatSignedAt(note.cosignedAt, timeZone)} by ${note.cosignedByName}` : "Awaiting co-signature by the author's supervisor"}</dd>
            </>
          ) : null}
        </dl>
      </footer>

      {note.addenda.length ? (
        <section aria-labelledby="addenda-title" className="space-y-3">
          <H id="addenda-title" className="text-sm font-semibold">
            Addenda
          </H>
          <ol className="space-y-3">
            {note.addenda.map((x, i) => (
              <li key={x.id} className="rounded-md border border-line bg-white px-4 py-3">
                <p className="text-xs text-muted">
                  Addendum {i + 1} · signed {formatSignedAt(x.signedAt, timeZone)} by {x.authorName}
                </p>
                <p className="mt-1 max-w-prose whitespace-pre-wrap text-[0.95rem] leading-relaxed">{x.text}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
