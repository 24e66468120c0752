import "server-only";
import { BY_CLIENT } from "@/checkins/catalog";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/auth/actor";
import { adherence as adherenceOf, weeklyAdherence, type Adherence, type Cadence, type WeeklyAdherence } from "@/scheduling/cadence";
import { listAssignments } from "@/assignments/queries";
import { answerText } from "@/checkins/answers";
import { attuneNotice } from "@/checkins/catalog";
import { describeCadence } from "@/scheduling/labels";
import { instrumentVersions } from "@/checkins/instruments";
import { rciParametersFor, type RciParameters } from "@/checkins/rci";
import type { ClientHeader } from "@/clients/queries";
import { rowsOf, type Db } from "@/db/client";
import { organisations, sessionNotes, users, type NoteType, type PaperSize, type Relationship } from "@/db/schema";
import type { AnswerValue, Band, Direction } from "@/instruments/fhir-schema";
import { staffText } from "@/i18n/staff";
import { titleTranslations } from "@/instruments/translation";
import { noteOfClient } from "@/notes/access";
import type { Attendance, FamilyTopic } from "@/notes/schemas";
import type { ChangeResult } from "@/outcomes/change";
import { expectedBand, type ExpectedBand } from "@/outcomes/expected-recovery/band";
import { intensitySeries, iso, scoreSeries, trendMarkers, type IntensityPoint, type Marker, type Series } from "@/outcomes/queries";
import { changeFor } from "@/outcomes/verdict";
import { periodSpan, type ReportPeriod } from "./period";

export interface ReportScore {
  total: number;
  band: string | null;
  severity: number | null;
  day: string;
  /** When it was taken (an ISO instant): the expected band counts elapsed weeks from it. */
  at: string;
}

export interface ReportIndicator {
  url: string;
  title: string;
  /** The title in each shipped language its file translates it into (FHIR `_title`), for the client's summary. */
  titles?: Record<string, string>;
  version: string;
  direction: Direction;
  bands: Band[];
  min: number;
  max: number;
  /** The client's first complete check-in (their baseline), if before the period's end. */
  baseline: ReportScore | null;
  /** The last and the one before it, up to the period's end. */
  latest: ReportScore;
  previous: ReportScore | null;
  inPeriod: number;
  change: ChangeResult | null;
  rci: RciParameters | null;
  series: Series | null;
  /** The expected recovery band for the client's baseline over the days charted, and the latest score's verdict against it (as on the Trends tab); null without a baseline. */
  expected: ExpectedBand | null;
  /** "Not a validated instrument" for Attune's own check-ins. */
  notice: string | null;
}

/** A critical answer: every one still open, and those acknowledged in the period. */
export interface ReportAlert {
  instrumentTitle: string;
  /** Who answered: the client, or the family member's name. */
  byName: string;
  itemText: string;
  answerText: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  note: string | null;
}

export interface ReportAssignment {
  title: string;
  assignee: string;
  forFamily: boolean;
  cadence: string;
  startDate: string;
  endDate: string | null;
  status: "active" | "paused" | "ended";
  adherence: Adherence;
}

export interface ReportNote {
  id: string;
  type: NoteType;
  sessionDate: string;
  attendance: Attendance;
  authorName: string;
  signedAt: string;
  cosignedByName: string | null;
  data: string;
  assessment: string;
  plan: string;
  individualPart: string | null;
  addenda: { authorName: string; text: string; signedAt: string }[];
}

export interface ProgressReportData {
  organisation: string;
  /** The organisation's chosen paper (Letter unless an administrator chose A4). */
  paperSize: PaperSize;
  client: Pick<ClientHeader, "id" | "name" | "preferredName" | "recordNumber" | "dateOfBirth" | "recoveryFocus" | "status" | "startDate" | "timeZone" | "primaryCounselorName" | "pronouns">;
  period: ReportPeriod;
  preparedBy: string;
  generatedAt: string;
  indicators: ReportIndicator[];
  markers: Marker[];
  /** Open alerts first (oldest first), then the period's acknowledged ones. */
  alerts: ReportAlert[];
  intensity: IntensityPoint[];
  adherence: { overall: Adherence; weeks: WeeklyAdherence[] };
  assignments: ReportAssignment[];
  attendance: Record<Attendance, number> & { byType: Record<NoteType, number> };
  family: {
    sessions: number;
    attendees: { name: string; relationship: Relationship; sessions: number }[];
    topics: { topic: FamilyTopic; sessions: number }[];
    otherTopics: string[];
  };
  /** Only when the counselor chose to include the text of signed notes. */
  notes: ReportNote[] | null;
}

type EndpointRow = { url: string; version: string; total: number; band: string | null; severity: number | null; day: string; at: string; rn: number };
type AlertRow = {
  link_id: string; message: string; raised_at: string | Date; acknowledged_at: string | Date | null; note: string | null; acknowledged_by: string | null;
  url: string; version: string; answers: Record<string, AnswerValue>; contact_name: string | null;
};
type NoteRow = {
  id: string; type: NoteType; session_date: string; attendance: Attendance; topics: FamilyTopic[] | string; topics_other: string | null;
  attendees: { name: string; relationship: Relationship }[] | null;
};

const words = staffText("reportLabels");

const score = (r: EndpointRow): ReportScore => ({ total: Number(r.total), band: r.band, severity: r.severity === null ? null : Number(r.severity), day: r.day, at: r.at });
// PGlite hands enum arrays back as the literal "{a,b}".
const enumArray = <T extends string>(v: T[] | string | null): T[] => (Array.isArray(v) ? v : typeof v === "string" ? (v.replace(/^\{|\}$/g, "").split(",").filter(Boolean) as T[]) : []);

/**
 * Everything the progress report shows for one client and period. The caller has found the
 * client visible to the actor (the same check as the pages), or holds the client's portal link. Scores, bands and change come from
 * the stored check-ins and the shared outcome code; nothing is scored again here.
 */
export async function progressReportData(
  db: Db,
  actor: Pick<Actor, "organisationId" | "name">,
  client: ProgressReportData["client"],
  period: ReportPeriod,
  options: { includeNotes: boolean; now?: Date } = { includeNotes: false },
): Promise<ProgressReportData> {
  const now = options.now ?? new Date();
  const org = actor.organisationId;
  const tz = client.timeZone;
  const span = periodSpan(period, tz);
  const own = sql`organisation_id = ${org} and client_id = ${client.id} and contact_id is null and status <> 'invalid'`;
  const day = sql`to_char(administered_at at time zone ${tz}, 'YYYY-MM-DD')`;
  const at = iso(sql`administered_at`);
  const [orgRow, recent, baselines, counts, series, markers, intensity, assignments, noteRows, alertRows] = await Promise.all([
    db.select({ name: organisations.name, paperSize: organisations.paperSize }).from(organisations).where(eq(organisations.id, org)),
    db.execute(sql`
      select url, version, total, band, severity, day, at, rn from (
        select instrument_url as url, instrument_version as version, total::float8 as total, band_label as band, band_severity::int as severity, ${day} as day, ${at} as at,
          row_number() over (partition by instrument_url order by administered_at desc, id desc)::int as rn
        from checkin_administrations where ${own} and administered_at <= ${span.to.toISOString()}::timestamptz) a
      where rn <= 2`),
    db.execute(sql`
      select distinct on (instrument_url) instrument_url as url, instrument_version as version, total::float8 as total, band_label as band,
        band_severity::int as severity, ${day} as day, ${at} as at, 0 as rn
      from checkin_administrations where ${own} and status = 'complete' and administered_at <= ${span.to.toISOString()}::timestamptz
      order by instrument_url, administered_at asc, id asc`),
    db.execute(sql`
      select instrument_url as url, count(*)::int as n from checkin_administrations
      where ${own} and administered_at between ${span.from.toISOString()}::timestamptz and ${span.to.toISOString()}::timestamptz group by instrument_url`),
    scoreSeries(db, org, client.id, tz, span, now),
    trendMarkers(db, org, client.id, tz, span, now),
    intensitySeries(db, org, client.id, tz, span, now),
    listAssignments(db, actor, client.id, tz, now),
    db.execute(sql`
      select session_notes.id, session_notes.type, session_notes.session_date::text as session_date, session_notes.attendance, session_notes.topics, session_notes.topics_other,
        (select json_agg(json_build_object('name', c.name, 'relationship', c.relationship) order by c.name)
           from note_family_attendees a join support_contacts c on c.id = a.contact_id where a.note_id = session_notes.id) as attendees
      from session_notes
      where session_notes.organisation_id = ${org} and session_notes.status = 'signed' and session_notes.session_date between ${period.from}::date and ${period.to}::date
        and ${noteOfClient(org, client.id)}
      order by session_notes.session_date, session_notes.id`),
    // Open whenever raised (up to the period's end), or acknowledged within the period.
    db.execute(sql`
      select a.link_id, a.message, a.raised_at, a.acknowledged_at, a.acknowledgement_note as note, u.name as acknowledged_by,
        x.instrument_url as url, x.instrument_version as version, x.answers, c.name as contact_name
      from critical_alerts a
      join checkin_administrations x on x.id = a.administration_id
      left join users u on u.id = a.acknowledged_by
      left join support_contacts c on c.id = x.contact_id
      where a.organisation_id = ${org} and a.client_id = ${client.id} and a.raised_at <= ${span.to.toISOString()}::timestamptz
        and (a.acknowledged_at is null or a.acknowledged_at between ${span.from.toISOString()}::timestamptz and ${span.to.toISOString()}::timestamptz)
      order by a.acknowledged_at is not null, a.raised_at, a.id`),
  ]);

  const latestByUrl = new Map<string, EndpointRow[]>();
  for (const r of rowsOf<EndpointRow>(recent)) latestByUrl.set(r.url, [...(latestByUrl.get(r.url) ?? []), r].sort((a, b) => a.rn - b.rn));
  const baselineByUrl = new Map(rowsOf<EndpointRow>(baselines).map((r) => [r.url, r]));
  const countByUrl = new Map(rowsOf<{ url: string; n: number }>(counts).map((r) => [r.url, Number(r.n)]));
  const versions = [...latestByUrl.values()].map((rows) => ({ url: rows[0]!.url, version: rows[0]!.version }));
  const alertList = rowsOf<AlertRow>(alertRows);
  const instruments = await instrumentVersions(db, org, [...versions, ...alertList]);

  const indicators: ReportIndicator[] = [];
  for (const { url, version } of versions) {
    const instrument = instruments.get(`${url}|${version}`);
    if (!instrument) continue;
    const [latest, previous] = latestByUrl.get(url)!;
    const baseline = baselineByUrl.get(url) ?? null;
    const rci = await rciParametersFor(db, org, instrument);
    // As on the Trends tab: a verdict needs a baseline and a later check-in.
    const change = baseline && previous ? changeFor(instrument, rci, Number(baseline.total), Number(latest!.total)) : null;
    const drawn = series.find((s) => s.url === url) ?? null;
    indicators.push({
      url,
      title: instrument.title,
      titles: titleTranslations(instrument),
      version,
      direction: instrument.scoring.direction,
      bands: instrument.scoring.bands,
      min: instrument.scoring.total.min,
      max: instrument.scoring.total.max,
      baseline: baseline ? score(baseline) : null,
      latest: score(latest!),
      previous: previous ? score(previous) : null,
      inPeriod: countByUrl.get(url) ?? 0,
      change,
      rci: change ? rci : null,
      series: drawn,
      expected: baseline ? await expectedBand(org, instrument, db, score(baseline), score(latest!), { first: drawn?.points[0]?.day, last: drawn?.points.at(-1)?.day }) : null,
      notice: attuneNotice(instrument),
    });
  }
  indicators.sort((a, b) => Number(b.url.endsWith("attune-numbness")) - Number(a.url.endsWith("attune-numbness")) || a.title.localeCompare(b.title));

  const [someCheckin, notRecorded] = [words("alertCheckin"), words("answerNotRecorded")];
  const alerts: ReportAlert[] = alertList.map((a) => {
    const instrument = instruments.get(`${a.url}|${a.version}`);
    const item = instrument?.items.find((i) => i.linkId === a.link_id);
    const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
    return {
      instrumentTitle: instrument?.title ?? someCheckin,
      byName: a.contact_name ?? BY_CLIENT,
      itemText: item?.text ?? a.message,
      answerText: (item ? answerText(item, a.answers[a.link_id]) : null) ?? notRecorded,
      raisedAt: iso(a.raised_at)!,
      acknowledgedAt: iso(a.acknowledged_at),
      acknowledgedByName: a.acknowledged_by,
      note: a.note,
    };
  });

  const inPeriod = (d: string) => d >= period.from && d <= period.to;
  const clientAssignments = assignments.filter((a) => !a.forFamily);
  const reportAssignments: ReportAssignment[] = assignments
    .filter((a) => a.startDate <= period.to && (a.endDate === null || a.endDate >= period.from))
    .map((a) => ({
      title: a.exerciseTitle,
      assignee: a.assignee,
      forFamily: a.forFamily,
      cadence: describeCadence(a.cadence as Cadence),
      startDate: a.startDate,
      endDate: a.endDate,
      status: a.status,
      adherence: adherenceOf(a.occurrences.filter((o) => inPeriod(o.date))),
    }));
  const occurrences = clientAssignments.flatMap((a) => a.occurrences.filter((o) => inPeriod(o.date)));

  const notes = rowsOf<NoteRow>(noteRows);
  const attendance = { attended: 0, cancelled: 0, no_show: 0, byType: { individual: 0, family_support: 0, group: 0 } };
  const attendees = new Map<string, { name: string; relationship: Relationship; sessions: number }>();
  const topics = new Map<FamilyTopic, number>();
  const otherTopics: string[] = [];
  let familySessions = 0;
  for (const n of notes) {
    attendance[n.attendance]++;
    attendance.byType[n.type]++;
    if (n.type !== "family_support" || n.attendance !== "attended") continue;
    familySessions++;
    for (const a of n.attendees ?? []) {
      const key = `${a.name}|${a.relationship}`;
      attendees.set(key, { ...a, sessions: (attendees.get(key)?.sessions ?? 0) + 1 });
    }
    for (const t of enumArray<FamilyTopic>(n.topics)) topics.set(t, (topics.get(t) ?? 0) + 1);
    if (n.topics_other) otherTopics.push(n.topics_other);
  }

  return {
    organisation: orgRow[0]?.name ?? "",
    paperSize: orgRow[0]?.paperSize ?? "letter",
    client,
    period,
    preparedBy: actor.name,
    generatedAt: now.toISOString(),
    indicators,
    markers,
    alerts,
    intensity,
    adherence: { overall: adherenceOf(occurrences), weeks: weeklyAdherence(occurrences) },
    assignments: reportAssignments,
    attendance,
    family: {
      sessions: familySessions,
      attendees: [...attendees.values()].sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name)),
      topics: [...topics.entries()].map(([topic, sessions]) => ({ topic, sessions })).sort((a, b) => b.sessions - a.sessions),
      otherTopics,
    },
    notes: options.includeNotes ? await signedNotes(db, actor, client.id, period) : null,
  };
}

/** The signed notes of the period with their addenda; of a group note, this client's own part only. */
async function signedNotes(db: Db, actor: Pick<Actor, "organisationId">, clientId: string, period: ReportPeriod): Promise<ReportNote[]> {
  const org = actor.organisationId;
  const author = alias(users, "author");
  const cosigner = alias(users, "cosigner");
  const n = sessionNotes;
  const rows = await db
    .select({
      id: n.id,
      type: n.type,
      sessionDate: n.sessionDate,
      attendance: n.attendance,
      authorName: author.name,
      signedAt: n.signedAt,
      cosignedByName: cosigner.name,
      data: n.data,
      assessment: n.assessment,
      plan: n.plan,
      individualPart: sql<string | null>`(select m.individual_part from note_group_members m where m.note_id = ${n.id} and m.client_id = ${clientId}::uuid)`,
      addenda: sql<ReportNote["addenda"] | null>`(select json_agg(json_build_object('authorName', u.name, 'text', x.text, 'signedAt', x.signed_at) order by x.signed_at, x.id)
        from note_addenda x join users u on u.id = x.author_id where x.note_id = ${n.id})`,
    })
    .from(n)
    .innerJoin(author, eq(author.id, n.authorId))
    .leftJoin(cosigner, eq(cosigner.id, n.cosignedBy))
    .where(and(eq(n.organisationId, org), eq(n.status, "signed"), gte(n.sessionDate, period.from), lte(n.sessionDate, period.to), noteOfClient(org, clientId)))
    .orderBy(asc(n.sessionDate), asc(n.id));
  return rows.map((r) => ({
    ...r,
    signedAt: new Date(r.signedAt!).toISOString(),
    individualPart: r.type === "group" ? (r.individualPart ?? "") : null,
    addenda: (r.addenda ?? []).map((a) => ({ ...a, signedAt: new Date(a.signedAt).toISOString() })),
  }));
}
