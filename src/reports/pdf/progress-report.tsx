import { Document, Page, Text, View } from "@react-pdf/renderer";
import { BY_CLIENT } from "@/checkins/catalog";
import { markerColours } from "@/components/charts/palette";
import { formatWhen } from "@/checkins/format";
import { displayName, formatDate } from "@/clients/display";
import { focusLabels, statusLabels } from "@/clients/schemas";
import { attendanceLabels, noteTypeLabels, topicLabels } from "@/notes/schemas";
import { localDateOf } from "@/lib/local-date";
import { markerStyle } from "@/outcomes/markers";
import { adherenceSummary, intensitySummary, scoreSummary } from "@/outcomes/summaries";
import { EXPECTED_BAND_LEGEND, expectedBandWords, NOT_ON_TRACK_DEFINITION } from "@/outcomes/expected-recovery/words";
import { rciSourceText } from "@/outcomes/rci-source";
import { verdictLabels } from "@/outcomes/verdict";
import { REDISCLOSURE_NOTICE } from "../notice";
import { paperPages } from "../paper-size";
import { formatPeriod } from "../period";
import type { ProgressReportData, ReportAlert, ReportIndicator, ReportScore } from "../progress-data";
import { colours, styles } from "./theme";
import { TrendChartPdf } from "./trend-chart";
import { staffText } from "@/i18n/staff";

const MARGIN = 44;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const day = (d: string) => formatDate(d);
// Adherence when nothing came due: a dash with words, as on every screen (src/outcomes/adherence-text.ts).
const t = staffText("pdfReport");
const pct = (rate: number | null) => (rate === null ? t("nothingDueYet") : `${Math.round(rate * 100)}%`);
const verdictColour = { recovered: colours.ok, improved: colours.brand, no_reliable_change: colours.muted, deteriorated: colours.danger } as const;

function Cell({ w, children, bold, align, muted }: { w: number | string; children: React.ReactNode; bold?: boolean; align?: "right" | "left"; muted?: boolean }) {
  return (
    <View style={[styles.cell, { width: w }]}>
      <Text style={{ fontWeight: bold ? "bold" : "normal", textAlign: align ?? "left", color: muted ? colours.muted : colours.ink }}>{children}</Text>
    </View>
  );
}

function Table({ widths, head, rows }: { widths: (number | string)[]; head: string[]; rows: React.ReactNode[][] }) {
  return (
    <View style={styles.table}>
      <View style={[styles.tr, styles.th]} fixed>
        {head.map((h, i) => (
          <Cell key={h} w={widths[i]!} bold>
            {h}
          </Cell>
        ))}
      </View>
      {rows.map((row, r) => (
        <View key={r} style={[styles.tr, r === rows.length - 1 ? { borderBottomWidth: 0 } : {}]} wrap={false}>
          {row.map((c, i) => (
            <View key={i} style={[styles.cell, { width: widths[i]! }]}>
              {typeof c === "string" || typeof c === "number" ? <Text>{c}</Text> : c}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

function Score({ score }: { score: ReportScore | null }) {
  if (!score) return <Text style={styles.small}>{t("noneYet")}</Text>;
  return (
    <View>
      <Text>
        <Text style={{ fontWeight: "bold" }}>{fmt(score.total)}</Text>
        {score.band ? ` · ${score.band}` : ""}
      </Text>
      <Text style={styles.small}>{day(score.day)}</Text>
    </View>
  );
}

function Verdict({ indicator }: { indicator: ReportIndicator }) {
  const c = indicator.change;
  if (!c) return <Text style={styles.small}>{t("needsBaseline")}</Text>;
  return (
    <View>
      <Text style={{ fontWeight: "bold", color: verdictColour[c.verdict] }}>{verdictLabels[c.verdict]}</Text>
      <Text style={styles.small}>{t("rciLine", { rci: c.rci.toFixed(2), reliable: c.reliable ? "yes" : "no" })}</Text>
      {indicator.rci ? <Text style={styles.small}>{rciSourceText(indicator.rci)}</Text> : null}
    </View>
  );
}

/** Under a chart: what the dashed lines are and where the latest score lies against them. */
function ExpectedNote({ indicator }: { indicator: ReportIndicator }) {
  const words = expectedBandWords(indicator.expected, day);
  if (!words) return null;
  if (words.noCurve) return <Text style={[styles.small, { marginTop: 2 }]}>{words.noCurve}</Text>;
  return (
    <Text style={[styles.small, { marginTop: 2 }]}>
      {(indicator.expected?.points.length ?? 0) > 1 ? `${EXPECTED_BAND_LEGEND} ` : t("expectedRecoveryLead")}
      <Text style={words.tone === "danger" ? { fontWeight: "bold", color: colours.danger } : {}}>{words.verdict}</Text> {words.fitted}
    </Text>
  );
}

/** Critical answers in words, near the top of page 1: what is open, what was acknowledged and by whom. */
function Alerts({ alerts, timeZone }: { alerts: ReportAlert[]; timeZone: string }) {
  const open = alerts.filter((a) => a.acknowledgedAt === null);
  const closed = alerts.filter((a) => a.acknowledgedAt !== null);
  const when = (iso: string) => formatWhen(iso, timeZone);
  const raised = (a: ReportAlert) => t("raised", { instrument: a.instrumentTitle, by: a.byName === BY_CLIENT ? t("theClient") : a.byName, when: when(a.raisedAt), item: a.itemText, answer: a.answerText });
  return (
    <View style={{ marginTop: 8, padding: 8, borderWidth: open.length ? 1.2 : 0.5, borderColor: open.length ? colours.danger : colours.line, borderRadius: 3 }} wrap={false}>
      <Text style={{ fontSize: 10, fontWeight: "bold", color: open.length ? colours.danger : colours.ink }}>
        {open.length === 0 ? t("noOpenAlerts") : t("openAlerts", { count: open.length })}
      </Text>
      {open.map((a, i) => (
        <Text key={`o${i}`} style={[styles.para, { marginTop: 3, marginBottom: 0 }]}>
          <Text style={{ fontWeight: "bold", color: colours.danger }}>{t("openUnacknowledged")}</Text>
          {raised(a)}
        </Text>
      ))}
      {closed.length === 0 ? (
        <Text style={[styles.small, { marginTop: 3 }]}>{t("noAlertsAcknowledged")}</Text>
      ) : (
        closed.map((a, i) => (
          <Text key={`c${i}`} style={[styles.para, { marginTop: 3, marginBottom: 0 }]}>
            <Text style={{ fontWeight: "bold" }}>{t("acknowledged")}</Text>
            {raised(a)}{" "}
            {a.note
              ? t("acknowledgedByWithNote", { by: a.acknowledgedByName ?? t("formerStaffMember"), when: when(a.acknowledgedAt!), note: a.note })
              : t("acknowledgedByNoNote", { by: a.acknowledgedByName ?? t("formerStaffMember"), when: when(a.acknowledgedAt!) })}
          </Text>
        ))
      )}
    </View>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <View style={{ width: "50%", flexDirection: "row", paddingVertical: 1.5 }}>
      <Text style={{ width: 92, color: colours.muted }}>{label}</Text>
      <Text style={{ flex: 1, fontWeight: "bold" }}>{value}</Text>
    </View>
  );
}

/** The client's progress report for a period, as a document a clinic sends. */
export function ProgressReportDocument({ data }: { data: ProgressReportData }) {
  const { client, period } = data;
  const generated = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: client.timeZone, timeZoneName: "short" }).format(new Date(data.generatedAt));
  const notices = [...new Set(data.indicators.map((i) => i.notice).filter((n): n is string => Boolean(n)))];
  const markerKinds = (Object.keys(markerStyle) as (keyof typeof markerStyle)[]).filter((k) => data.markers.some((m) => m.kind === k));
  const a = data.adherence.overall;
  const paper = paperPages[data.paperSize];
  const contentWidth = paper.width - 2 * MARGIN;
  // Charts end on the period's last day, or today when the period reaches past it.
  const today = localDateOf(new Date(data.generatedAt), client.timeZone);
  const chartEnd = period.to < today ? period.to : today;
  return (
    <Document title={t("documentTitle", { record: client.recordNumber, period: formatPeriod(period) })} author={data.organisation} subject={t("documentSubject")} creator="Attune" producer="Attune">
      <Page size={paper.name} style={styles.page}>
        <View style={styles.runningHead} fixed>
          <Text render={({ pageNumber }) => (pageNumber > 1 ? t("runningHeadOrganisation", { organisation: data.organisation }) : "")} />
          <Text render={({ pageNumber }) => (pageNumber > 1 ? t("runningHeadClient", { name: displayName(client), record: client.recordNumber, period: formatPeriod(period) }) : "")} />
        </View>
        <View style={styles.footer} fixed>
          <Text style={styles.notice}>
            <Text style={{ fontWeight: "bold" }}>{t("confidential")}</Text>
            {REDISCLOSURE_NOTICE}
          </Text>
          <Text style={styles.pageNumber} render={({ pageNumber, totalPages }) => t("pageOf", { page: String(pageNumber), total: String(totalPages) })} />
        </View>

        <View style={{ flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start" }}>
          <View>
            <Text style={{ fontSize: 9, color: colours.brand, fontWeight: "bold", letterSpacing: 0.5 }}>{data.organisation.toUpperCase()}</Text>
            <Text style={styles.title}>{t("title")}</Text>
            <Text style={styles.subtitle}>{formatPeriod(period)}</Text>
          </View>
          <View style={{ alignItems: "flex-end" }}>
            <Text style={styles.small}>{t("prepared", { when: generated })}</Text>
            <Text style={styles.small}>{t("preparedBy", { name: data.preparedBy })}</Text>
          </View>
        </View>

        <View style={{ marginTop: 10, padding: 8, backgroundColor: colours.brandLight, borderRadius: 3, flexDirection: "row", flexWrap: "wrap" }}>
          <Field label={t("fieldClient")} value={displayName(client)} />
          <Field label={t("fieldRecordNumber")} value={client.recordNumber} />
          <Field label={t("fieldDateOfBirth")} value={client.dateOfBirth ? day(client.dateOfBirth) : t("notRecorded")} />
          <Field label={t("fieldPronouns")} value={client.pronouns ?? t("notRecorded")} />
          <Field label={t("fieldRecoveryFocus")} value={focusLabels[client.recoveryFocus]} />
          <Field label={t("fieldStatus")} value={statusLabels[client.status]} />
          <Field label={t("fieldInCareSince")} value={day(client.startDate)} />
          <Field label={t("fieldCounselor")} value={client.primaryCounselorName} />
        </View>

        <Alerts alerts={data.alerts} timeZone={client.timeZone} />

        <Text style={styles.h2}>{t("checkinScores")}</Text>
        {data.indicators.length === 0 ? (
          <Text style={styles.para}>{t("noScoredCheckins")}</Text>
        ) : (
          <>
            <Table
              widths={["22%", "15%", "15%", "15%", "9%", "24%"]}
              head={[t("headIndicator"), t("headBaseline"), t("headPrevious"), t("headLatest"), t("headChange"), t("headVerdict")]}
              rows={data.indicators.map((i) => [
                <View key="t">
                  <Text style={{ fontWeight: "bold" }}>{i.title}</Text>
                  <Text style={styles.small}>{t("directionInPeriod", { direction: i.direction === "higher_is_worse" ? "lower" : "higher", inPeriod: String(i.inPeriod) })}</Text>
                </View>,
                <Score key="b" score={i.baseline} />,
                <Score key="p" score={i.previous} />,
                <Score key="l" score={i.latest} />,
                i.change ? `${i.change.difference > 0 ? "+" : i.change.difference < 0 ? "−" : ""}${fmt(Math.abs(i.change.difference))}` : "—",
                <Verdict key="v" indicator={i} />,
              ])}
            />
            <Text style={[styles.small, { marginTop: 3 }]}>{t("scoresExplained")}</Text>
            {notices.map((n) => (
              <Text key={n} style={[styles.small, { marginTop: 2 }]}>
                {n}
              </Text>
            ))}

            <Text style={styles.h2} minPresenceAhead={150}>
              {t("trends")}
            </Text>
            {data.indicators.map((i) => (
              <View key={i.url} wrap={false} style={{ marginBottom: 8 }}>
                <View style={{ flexDirection: "row", justifyContent: "space-between" }}>
                  <Text style={styles.h3}>{i.title}</Text>
                  <Text style={styles.small}>{i.direction === "higher_is_worse" ? t("lowerIsBetterArrow") : t("higherIsBetterArrow")}</Text>
                </View>
                <Text style={[styles.small, { marginBottom: 2 }]}>
                  {scoreSummary({ title: i.title, points: i.series?.points ?? [], grain: i.series?.grain ?? "point", direction: i.direction, verdict: i.change?.verdict ?? null })}
                </Text>
                {(i.series?.points.length ?? 0) > 0 ? <TrendChartPdf indicator={i} markers={data.markers} endDay={chartEnd} width={contentWidth} /> : null}
                <ExpectedNote indicator={i} />
              </View>
            ))}
            {data.indicators.some((i) => i.expected?.track) ? (
              <Text style={[styles.small, { marginBottom: 3 }]}>{t("expectedRecoveryExplained", { definition: NOT_ON_TRACK_DEFINITION })}</Text>
            ) : null}
            {markerKinds.length ? (
              <Text style={styles.small}>
                {t("markedOnCharts")}{" "}
                {markerKinds.map((k, n) => (
                  <Text key={k}>
                    <Text style={{ color: markerColours[k], fontWeight: "bold" }}>{markerStyle[k].short}</Text> {markerStyle[k].word.toLowerCase()}
                    {n < markerKinds.length - 1 ? ", " : "."}
                  </Text>
                ))}
              </Text>
            ) : null}
          </>
        )}

        <View wrap={false}>
          <Text style={styles.h2}>{t("exercisesBetweenSessions")}</Text>
          <Text style={styles.para}>
            {adherenceSummary(data.adherence.weeks)} {t("doneLateMissed", { done: String(a.done), late: String(a.late), missed: String(a.missed) })} {intensitySummary(data.intensity)}
          </Text>
        </View>
        {data.assignments.length ? (
          <Table
            widths={["27%", "15%", "18%", "16%", "6%", "6%", "6%", "6%"]}
            head={[t("headExercise"), t("headFor"), t("headHowOften"), t("headDates"), t("headDone"), t("headLate"), t("headMissed"), t("headRate")]}
            rows={data.assignments.map((x) => [
              x.title,
              x.assignee,
              x.cadence,
              `${x.endDate ? t("datesRange", { start: day(x.startDate), end: day(x.endDate) }) : t("datesOngoing", { start: day(x.startDate) })}${x.status === "active" ? "" : ` (${x.status})`}`,
              String(x.adherence.done),
              String(x.adherence.late),
              String(x.adherence.missed),
              pct(x.adherence.rate),
            ])}
          />
        ) : (
          <Text style={styles.para}>{t("noExercisesAssigned")}</Text>
        )}

        <View wrap={false}>
          <Text style={styles.h2}>{t("attendance")}</Text>
          <Table
            widths={["40%", "20%", "20%", "20%"]}
            head={[t("headSignedNotesInPeriod"), attendanceLabels.attended, attendanceLabels.cancelled, attendanceLabels.no_show]}
            rows={[[t("notesByType", { individual: String(data.attendance.byType.individual), familySupport: String(data.attendance.byType.family_support), group: String(data.attendance.byType.group) }), String(data.attendance.attended), String(data.attendance.cancelled), String(data.attendance.no_show)]]}
          />
        </View>

        <View wrap={false}>
          <Text style={styles.h2}>{t("familySupport")}</Text>
          {data.family.sessions === 0 ? (
            <Text style={styles.para}>{t("noFamilySessions")}</Text>
          ) : (
            <>
              <Text style={styles.para}>
                {t("familySessionsAttended", { count: data.family.sessions })}{" "}
                {data.family.attendees.length ? t("attendedBy", { attendees: data.family.attendees.map((x) => `${x.name} (${x.relationship.replace("_", " ")}, ${x.sessions})`).join("; ") }) : t("noAttendees")}
              </Text>
              <Text style={styles.para}>
                {t("topicsLine", {
                  topics: data.family.topics.length ? data.family.topics.map((x) => `${topicLabels[x.topic]} (${x.sessions})`).join(", ") : t("noneRecorded"),
                  other: data.family.otherTopics.length ? t("otherTopics", { topics: data.family.otherTopics.join("; ") }) : "",
                })}
              </Text>
            </>
          )}
        </View>

        {data.notes ? (
          <>
            <Text style={styles.h2} break={data.notes.length > 0}>
              {t("signedSessionNotes")}
            </Text>
            {data.notes.length === 0 ? <Text style={styles.para}>{t("noSignedNotes")}</Text> : null}
            {data.notes.map((n) => (
              <View key={n.id} style={{ marginBottom: 9 }}>
                <View wrap={false} style={{ borderBottomWidth: 0.5, borderBottomColor: colours.line, marginBottom: 3, paddingBottom: 2 }}>
                  <Text style={styles.h3}>
                    {day(n.sessionDate)} · {noteTypeLabels[n.type]} · {attendanceLabels[n.attendance]}
                  </Text>
                  <Text style={styles.small}>
                    {t("signedBy", { name: n.authorName, date: day(n.signedAt.slice(0, 10)) })}
                    {n.cosignedByName ? t("cosignedBy", { name: n.cosignedByName }) : ""}
                  </Text>
                </View>
                {(
                  [
                    [t("noteData"), n.data],
                    [t("noteAssessment"), n.assessment],
                    [t("notePlan"), n.plan],
                    ...(n.individualPart !== null ? [[t("noteThisClient"), n.individualPart] as const] : []),
                  ] as const
                ).map(([label, text]) => (
                  <Text key={label} style={styles.para}>
                    <Text style={{ fontWeight: "bold" }}>{label}: </Text>
                    {text || "—"}
                  </Text>
                ))}
                {n.addenda.map((x, k) => (
                  <View key={k} style={{ marginLeft: 10, paddingLeft: 6, borderLeftWidth: 1.5, borderLeftColor: colours.brand, marginBottom: 3 }}>
                    <Text style={styles.small}>
                      {t("addendumBy", { name: x.authorName, date: day(x.signedAt.slice(0, 10)) })}
                    </Text>
                    <Text>{x.text}</Text>
                  </View>
                ))}
              </View>
            ))}
          </>
        ) : null}
      </Page>
    </Document>
  );
}
