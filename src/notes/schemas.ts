import { z } from "zod";
import { attendance, engagementLevel, familyTopic, noteType, type NoteType } from "@/db/schema";
import { isLocalDate } from "@/lib/local-date";
import { localDate, optionalText, requiredText, stringList, uuid, version } from "@/lib/zod-fields";
import { COUNSELOR_LOCALE } from "@/lib/date-format";
import { staffText } from "@/i18n/staff";

const nv = staffText("noteValidation");

export type Attendance = (typeof attendance.enumValues)[number];
export type FamilyTopic = (typeof familyTopic.enumValues)[number];
export type EngagementLevel = (typeof engagementLevel.enumValues)[number];

const t = staffText("noteLabels");

export const noteTypeLabels: Record<NoteType, string> = { individual: t("typeIndividual"), family_support: t("typeFamilySupport"), group: t("typeGroup") };
export const attendanceLabels: Record<Attendance, string> = { attended: t("attendanceAttended"), cancelled: t("attendanceCancelled"), no_show: t("attendanceNoShow") };
export const topicLabels: Record<FamilyTopic, string> = {
  boundaries: t("topicBoundaries"),
  enabling: t("topicEnabling"),
  communication: t("topicCommunication"),
  detachment_with_love: t("topicDetachmentWithLove"),
  relapse_prevention: t("topicRelapsePrevention"),
  self_care: t("topicSelfCare"),
  other: t("topicOther"),
};
export const engagementLabels: Record<EngagementLevel, string> = {
  not_engaged: t("engagementNotEngaged"),
  somewhat: t("engagementSomewhat"),
  engaged: t("engagementEngaged"),
  very_engaged: t("engagementVeryEngaged"),
};

/** Shown when a save was made from a version someone else has already replaced. */
export const NOTE_CONFLICT_MESSAGE =
  nv("conflict");
export const NOTE_SIGNED_MESSAGE = nv("signedCannotChange");

export const LIMITS = { section: 20_000, part: 5_000, addendum: 5_000, attendees: 20, members: 30 } as const;

const bodyText = (label: string, max: number = LIMITS.section) =>
  z
    .string()
    .max(max, nv("keepUnder", { label, max: max.toLocaleString(COUNSELOR_LOCALE) }))
    .optional()
    .transform((v) => v ?? "");

const startTime = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(v), nv("timeLike"));

const durationMinutes = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? undefined : v),
  z.coerce
    .number({ error: nv("durationWholeMinutes") })
    .int(nv("durationWholeMinutes"))
    .min(1, nv("durationAtLeast"))
    .max(600, nv("durationAtMost"))
    .optional(),
);

const sessionFields = {
  clientId: uuid(nv("unknownClient")),
  sessionDate: localDate(nv("enterSessionDate")),
  startTime,
  durationMinutes,
  attendance: z.enum(attendance.enumValues, { error: nv("chooseAttendance") }),
};

export const createNoteSchema = z.object({ ...sessionFields, type: z.enum(noteType.enumValues, { error: nv("chooseKind") }) });
export type CreateNoteInput = z.infer<typeof createNoteSchema>;

function list(value: unknown): string[] {
  const items = value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];
  return [...new Set(items.filter((v): v is string => typeof v === "string" && v !== ""))];
}

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * A form names each family attendee's rating `engagement.<contactId>` and each group member's
 * part `part.<clientId>`; this gathers them beside the ticked ids so the schema sees lists.
 */
function gatherParts(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  return {
    ...r,
    attendees: list(r.attendee).map((contactId) => ({ contactId, engagement: first(r[`engagement.${contactId}`]) })),
    members: list(r.member).map((clientId) => ({ clientId, individualPart: first(r[`part.${clientId}`]) ?? "" })),
  };
}

export const noteContentSchema = z.preprocess(
  gatherParts,
  z.object({
    ...sessionFields,
    noteId: uuid(nv("unknownNote")),
    version,
    data: bodyText(nv("theDataSection")),
    assessment: bodyText(nv("theAssessment")),
    plan: bodyText(nv("thePlan")),
    topics: stringList.pipe(z.array(z.enum(familyTopic.enumValues, { error: nv("chooseTopics") }))),
    topicsOther: optionalText(120, nv("theOtherTopic")),
    attendees: z
      .array(
        z.object({
          contactId: uuid(nv("chooseAttendeesNetwork")),
          engagement: z.enum(engagementLevel.enumValues, { error: nv("chooseEngagement") }).optional(),
        }),
      )
      .max(LIMITS.attendees, nv("attendeesAtMost", { max: String(LIMITS.attendees) })),
    members: z
      .array(z.object({ clientId: uuid(nv("chooseAttendeesClients")), individualPart: bodyText(nv("eachIndividualPart"), LIMITS.part) }))
      .max(LIMITS.members, nv("groupAtMost", { max: String(LIMITS.members) })),
  }),
);
export type NoteContentInput = z.infer<typeof noteContentSchema>;

export const noteRefSchema = z.object({ clientId: uuid(nv("unknownClient")), noteId: uuid(nv("unknownNote")) });

export const addendumSchema = noteRefSchema.extend({
  text: requiredText(LIMITS.addendum, nv("writeAddendum"), nv("theAddendum")),
});

const blank = (s: string) => s.trim() === "";

/**
 * What must be in a note before it is signed, as messages next to the fields. A draft may be
 * anything; a signed note is for good, so it must say what happened.
 */
export function signingProblems(type: NoteType, input: NoteContentInput, today: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (input.sessionDate > today) add("sessionDate", nv("futureSession"));
  const attended = input.attendance === "attended";
  if (attended) {
    if (blank(input.data)) add("data", nv("writeData"));
    if (blank(input.assessment)) add("assessment", nv("writeAssessment"));
    if (blank(input.plan)) add("plan", nv("writePlan"));
    if (input.durationMinutes === undefined) add("durationMinutes", nv("enterDuration"));
  } else if (blank(input.data)) {
    add("data", nv("sayWhatHappened"));
  }
  if (type === "family_support") {
    if (attended && input.attendees.length === 0) add("attendees", nv("chooseWhoAttended"));
    if (attended && input.attendees.some((a) => !a.engagement)) add("attendees", nv("rateEngagement"));
    if (attended && input.topics.length === 0) add("topics", nv("tickTopic"));
    if (input.topics.includes("other") && !input.topicsOther) add("topicsOther", nv("nameOtherTopic"));
  }
  if (type === "group") {
    if (input.members.length < 2) add("members", nv("groupNeedsTwo"));
    if (attended && input.members.some((m) => blank(m.individualPart))) add("members", nv("writeIndividualPart"));
  }
  return errors;
}

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
const optionalDate = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => (v && isLocalDate(v) ? v : undefined));

export const noteStatusFilters = ["draft", "signed", "awaiting_cosign"] as const;
export type NoteStatusFilter = (typeof noteStatusFilters)[number];
export const statusFilterLabels: Record<NoteStatusFilter, string> = {
  draft: t("statusDraft"),
  signed: t("statusSigned"),
  awaiting_cosign: t("statusAwaitingCosign"),
};

/** The notes tab's filters, from the URL; anything unreadable is simply left out. */
export const notesFilterSchema = z.object({
  type: optionalEnum(noteType.enumValues),
  status: optionalEnum(noteStatusFilters),
  from: optionalDate,
  to: optionalDate,
});
export type NotesFilter = { [K in keyof z.infer<typeof notesFilterSchema>]?: z.infer<typeof notesFilterSchema>[K] };
