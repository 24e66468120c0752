import { Badge } from "@/components/ui/badge";
import { staffText } from "@/i18n/staff";
import { relationshipLabels } from "@/support-network/schemas";
import type { NoteDetail } from "../detail";
import { formatSessionDate, formatSignedAt, sessionFacts } from "../format";
import { engagementLabels, noteTypeLabels, topicLabels } from "../schemas";
import { NoteStatusBadge } from "./note-status-badge";

const t = staffText("notes");

type Sub = "h2" | "h3";

function Section({ title, text, hint, as: H }: { title: string; text: string; hint?: string; as: Sub }) {
  return (
    <section className="space-y-1">
      <H className="text-sm font-semibold text-ink">{title}</H>
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
      {text.trim() ? <p className="max-w-prose whitespace-pre-wrap text-[0.95rem] leading-relaxed text-ink">{text}</p> : <p className="text-sm italic text-muted">{t("notWritten")}</p>}
    </section>
  );
}

function FamilyDetails({ note, as: H }: { note: NoteDetail; as: Sub }) {
  return (
    <div className="grid gap-4 rounded-md border border-line bg-canvas/60 p-4 sm:grid-cols-2">
      <section>
        <H className="text-sm font-semibold">{t("whoAttended")}</H>
        {note.attendees.length ? (
          <ul className="mt-2 space-y-1.5 text-sm">
            {note.attendees.map((a) => (
              <li key={a.contactId} className="flex flex-wrap items-center gap-x-2">
                <span className="font-medium">{a.name}</span>
                <span className="text-muted">{relationshipLabels[a.relationship]}</span>
                <Badge tone={a.engagement === "not_engaged" ? "warn" : "neutral"}>{a.engagement ? engagementLabels[a.engagement] : t("engagementNotRated")}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-muted">{t("noSupportNetworkRecorded")}</p>
        )}
      </section>
      <section>
        <H className="text-sm font-semibold">{t("topics")}</H>
        {note.topics.length ? (
          <ul className="mt-2 flex flex-wrap gap-1.5">
            {note.topics.map((topic) => (
              <li key={topic}>
                <Badge tone="brand">{topic === "other" && note.topicsOther ? t("otherTopicBadge", { text: note.topicsOther }) : topicLabels[topic]}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-muted">{t("noTopics")}</p>
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
          <p className="text-xs font-medium uppercase tracking-wide text-muted">{t("typeSession", { type: noteTypeLabels[note.type] })}</p>
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
          {t("groupSessionWith", { count: String(note.groupSize) })}
        </p>
      ) : null}

      <div className="space-y-5">
        {group ? <p className="text-xs font-medium uppercase tracking-wide text-muted">{t("sharedPart")}</p> : null}
        <Section as={H} title={t("data")} text={note.data} />
        <Section as={H} title={t("assessment")} text={note.assessment} />
        <Section as={H} title={t("plan")} text={note.plan} />
      </div>

      {note.parts.map((p) => (
        <section key={p.clientId} className="space-y-1 border-l-2 border-brand-100 pl-4">
          <H className="text-sm font-semibold">{t("individualPart", { name: p.name })}</H>
          {p.individualPart.trim() ? <p className="max-w-prose whitespace-pre-wrap text-[0.95rem] leading-relaxed">{p.individualPart}</p> : <p className="text-sm italic text-muted">{t("notWritten")}</p>}
        </section>
      ))}

      <footer className="rounded-md border border-line bg-canvas/60 px-4 py-3 text-sm">
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted">{t("writtenBy")}</dt>
          <dd>{note.authorName}</dd>
          <dt className="text-muted">{t("signed")}</dt>
          <dd>{note.signedAt ? t("signedAtBy", { at: formatSignedAt(note.signedAt, timeZone), name: note.authorName }) : t("notSignedYet")}</dd>
          {note.cosignRequired ? (
            <>
              <dt className="text-muted">{t("cosigned")}</dt>
              <dd>{note.cosignedAt ? t("signedAtBy", { at: formatSignedAt(note.cosignedAt, timeZone), name: String(note.cosignedByName) }) : t("awaitingCosignBySupervisor")}</dd>
            </>
          ) : null}
        </dl>
      </footer>

      {note.addenda.length ? (
        <section aria-labelledby="addenda-title" className="space-y-3">
          <H id="addenda-title" className="text-sm font-semibold">
            {t("addendaTitle")}
          </H>
          <ol className="space-y-3">
            {note.addenda.map((x, i) => (
              <li key={x.id} className="rounded-md border border-line bg-white px-4 py-3">
                <p className="text-xs text-muted">
                  {t("addendumLine", { number: String(i + 1), at: formatSignedAt(x.signedAt, timeZone), name: x.authorName })}
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
