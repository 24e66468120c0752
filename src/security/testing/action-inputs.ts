import { eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { publish, publishSpec, setScoring, setScoringSpec } from "@/checkins/imports";
import { moodScreenScoring } from "@/checkins/testing/questionnaire";
import type { Db } from "@/db/client";
import { assignments, checkinSchedules, clients, sessionNotes, supportContacts, users } from "@/db/schema";
import { executeAction, type ActionSpec, type Handler } from "@/lib/action-core";
import { addDays, localDateOf } from "@/lib/local-date";
import { base32Decode, totpAt } from "@/auth/totp";
import { beginEnrolment, confirmEnrolment } from "@/auth/two-factor";
import type { z } from "zod";
import type { MatrixRole, MatrixTarget } from "../matrix";
import { NUMBNESS_URL, type MatrixWorld, type OrganisationRecords, type TargetRecords } from "../world";
import { matrixExerciseFile as exerciseFile, matrixNoteText } from "./matrix-texts";
import { messageRecipients, reminderConsents } from "@/db/schema/messages";

export interface CellContext {
  /** The database the action will see (a transaction that is rolled back after the cell). */
  db: Db;
  world: MatrixWorld;
  role: MatrixRole | "anonymous";
  target: MatrixTarget | null;
  /** The signed-in person, or null without a session. */
  actor: Actor | null;
  /** The demo users' password, as seeded. */
  password: string;
}

export interface ActionCall {
  /** Done first by the record's own people, so the action has something to act on. */
  prepare?: (db: Db) => Promise<void>;
  fields: Record<string, string | string[]>;
}

const EMPATHY_URL = "https://attune.health/fhir/Questionnaire/attune-empathy-connection";
const CALM = { flat: "some-of-the-time", empty: "once-in-a-while", distant: "some-of-the-time", joy: "often", interest: "once-in-a-while", body: "not-at-all", naming: "often", worth: "not-at-all" };
// The earliest date in use anywhere now (UTC-12): never in the future on any client's calendar.
const today = () => localDateOf(new Date(), "Etc/GMT+12");
let counter = 0;
/** Unique per call: idempotency keys, emails, record numbers. */
export const unique = (label: string) => `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}`.padEnd(20, "x").slice(0, 60);

function client(ctx: CellContext): TargetRecords {
  return ctx.world.targets[ctx.target ?? "own"];
}

function organisation(ctx: CellContext): OrganisationRecords {
  return ctx.world.organisations[ctx.target === "foreign" ? "foreign" : "own"];
}

/** The organisation's administrator: the demo's admin@, or the second organisation's stand-in. */
function adminOf(ctx: CellContext): Actor {
  return ctx.target === "foreign" ? { ...ctx.world.actors.other, role: "admin" } : ctx.world.actors.admin;
}

async function as<S extends z.ZodType, R, T>(db: Db, actor: Actor, spec: ActionSpec<S, R, T>, handler: Handler<S, R, T>, input: unknown) {
  const outcome = await executeAction(db, actor, spec, handler, input, { ip: "192.0.2.81", userAgent: "matrix-prepare" });
  if (outcome.kind !== "ok") throw new Error(`prepare ${spec.name}: ${JSON.stringify(outcome)}`);
}

/** Starts two-factor enrolment for the person and returns the secret their app would hold. */
async function enrol(db: Db, actor: Actor): Promise<Buffer> {
  const secret = await beginEnrolment(db, { id: actor.userId, email: actor.email });
  return base32Decode(secret!.secretForTyping);
}

const versionOf = async (db: Db, table: typeof clients | typeof supportContacts | typeof assignments | typeof checkinSchedules | typeof sessionNotes, id: string) => {
  const [row] = await db.select({ version: table.version }).from(table).where(eq(table.id, id));
  return String(row!.version);
};

async function clientFields(ctx: CellContext) {
  const c = client(ctx);
  const [row] = await ctx.db.select().from(clients).where(eq(clients.id, c.clientId));
  return {
    clientId: c.clientId,
    version: String(row!.version),
    name: row!.name,
    recordNumber: row!.recordNumber,
    recoveryFocus: row!.recoveryFocus,
    status: row!.status === "discharged" ? "active" : row!.status,
    primaryCounselorId: row!.primaryCounselorId,
    startDate: row!.startDate,
    timeZone: row!.timeZone,
    tags: "matrix",
  };
}

async function noteContent(ctx: CellContext) {
  const c = client(ctx);
  return {
    clientId: c.clientId,
    noteId: c.draftNoteId,
    version: await versionOf(ctx.db, sessionNotes, c.draftNoteId),
    sessionDate: today(),
    ...matrixNoteText,
  };
}


/** A call that works for the record's own people, for every exported and inline server action. */
export const actionInputs: Record<string, (ctx: CellContext) => ActionCall | Promise<ActionCall>> = {
  // Sign-in, invitations, resets.
  "action src/auth/actions.ts#signInAction": (ctx) => ({ fields: { email: ctx.actor?.email ?? "counselor@attune.demo", password: ctx.password } }),
  "action src/auth/actions.ts#signOutAction": () => ({ fields: {} }),
  "action src/users/link-actions.ts#acceptInvitationAction": (ctx) => ({ fields: { token: organisation(ctx).inviteToken, password: "a long new matrix password", confirmPassword: "a long new matrix password" } }),
  "action src/users/link-actions.ts#resetPasswordAction": (ctx) => ({ fields: { token: organisation(ctx).resetToken, password: "a long new matrix password", confirmPassword: "a long new matrix password" } }),

  // Everyone signed in.
  "action src/users/actions.ts#updateProfileAction": () => ({ fields: { name: "Matrix Name" } }),
  "action src/messaging/preference-actions.ts#saveAlertPreferencesAction": () => ({ fields: { deterioration: "on" } }),
  "action src/users/actions.ts#changePasswordAction": (ctx) => ({ fields: { currentPassword: ctx.password, newPassword: "a long new matrix password", confirmPassword: "a long new matrix password" } }),
  "action src/users/two-factor-actions.ts#beginTwoFactorAction": () => ({ fields: {} }),
  "action src/users/two-factor-actions.ts#confirmTwoFactorAction": (ctx) => {
    const fields = { code: "000000" };
    return {
      prepare: async (db) => {
        if (!ctx.actor) return;
        fields.code = totpAt(await enrol(db, ctx.actor), Date.now());
      },
      fields,
    };
  },
  "action src/users/two-factor-actions.ts#disableTwoFactorAction": (ctx) => {
    const fields = { password: ctx.password, code: "0000000000" };
    return {
      prepare: async (db) => {
        if (!ctx.actor) return;
        const codes = await confirmEnrolment(db, { id: ctx.actor.userId, organisationId: ctx.actor.organisationId }, totpAt(await enrol(db, ctx.actor), Date.now()));
        fields.code = codes![0]!;
      },
      fields,
    };
  },

  // Administration.
  "action src/users/admin-actions.ts#inviteUserAction": () => ({ fields: { name: "Matrix Invitee", email: `${unique("invitee")}@attune.test`, role: "counselor" } }),
  "action src/users/admin-actions.ts#reissueInviteAction": (ctx) => ({ fields: { userId: organisation(ctx).invitedUserId } }),
  "action src/users/admin-actions.ts#issueResetAction": (ctx) => ({ fields: { userId: organisation(ctx).userId } }),
  "action src/users/admin-actions.ts#changeAccessAction": (ctx) => ({ fields: { userId: organisation(ctx).userId, role: "counselor", supervisorId: "" } }),
  "action src/users/admin-actions.ts#deactivateUserAction": (ctx) => ({ fields: { userId: organisation(ctx).userId, moveAllTo: ctx.world.actors.counselor.userId } }),
  "action src/users/admin-actions.ts#reactivateUserAction": (ctx) => ({
    prepare: async (db) => {
      await db.update(users).set({ status: "deactivated" }).where(eq(users.id, organisation(ctx).userId));
    },
    fields: { userId: organisation(ctx).userId },
  }),
  "action src/checkins/actions.ts#uploadInstrumentAction": () => ({ fields: { json: JSON.stringify({ resourceType: "Questionnaire", url: `http://example.org/fhir/Questionnaire/${unique("q")}`, version: "1.0.0", title: "Matrix screen", status: "active", item: [{ linkId: "a", type: "choice", text: "How often?", answerOption: [0, 1, 2].map((w) => ({ valueCoding: { system: "http://example.org/f", code: `c${w}`, display: `C${w}` }, extension: [{ url: "http://hl7.org/fhir/StructureDefinition/itemWeight", valueDecimal: w }] })) }] }) } }),
  "action src/checkins/actions.ts#setScoringAction": (ctx) => ({ fields: moodScreenScoring(organisation(ctx).instrumentId) }),
  "action src/checkins/actions.ts#publishInstrumentAction": (ctx) => ({
    prepare: (db) => as(db, adminOf(ctx), setScoringSpec, setScoring, moodScreenScoring(organisation(ctx).instrumentId)),
    fields: { instrumentId: organisation(ctx).instrumentId },
  }),
  "action src/checkins/actions.ts#retireInstrumentAction": (ctx) => ({
    prepare: async (db) => {
      await as(db, adminOf(ctx), setScoringSpec, setScoring, moodScreenScoring(organisation(ctx).instrumentId));
      await as(db, adminOf(ctx), publishSpec, publish, { instrumentId: organisation(ctx).instrumentId });
    },
    fields: { instrumentId: organisation(ctx).instrumentId },
  }),
  "action src/users/two-factor-actions.ts#setOrgTwoFactorAction": () => ({ fields: { required: "no" } }),
  "action src/reports/paper-size-actions.ts#setPaperSizeAction": () => ({ fields: { paperSize: "letter" } }),
  "action src/messaging/org-settings-actions.ts#saveMessageSettingsAction": () => ({ fields: { senderName: "Northside", signature: "The team", quietStart: "21", quietEnd: "8", reminderHour: "9" } }),
  "action src/outcomes/expected-recovery/actions.ts#refitExpectedRecoveryAction": () => ({ fields: { instrument: "https://attune.health/fhir/Questionnaire/attune-numbness|1.0.0" } }),
  "action src/portal/crisis-actions.ts#setCrisisLinesAction": () => ({ fields: { country: "GB", name1: "Matrix line", contact1: "Call 116 123" } }),
  "action src/users/two-factor-actions.ts#resetTwoFactorAction": (ctx) => ({ fields: { userId: organisation(ctx).userId } }),
  "action src/exercises/actions.ts#addCustomExerciseAction": () => ({ fields: { text: exerciseFile(unique("matrix-extra").toLowerCase().replace(/[^a-z0-9-]/g, "-")), intent: "save" } }),

  // Clinicians, not about one client.
  "action src/clients/actions.ts#createClientAction": (ctx) => ({
    fields: { name: "Matrix Newcomer", recordNumber: unique("MX"), recoveryFocus: "trauma", status: "intake", primaryCounselorId: ctx.actor?.userId ?? ctx.world.actors.counselor.userId, startDate: today(), timeZone: "UTC" },
  }),
  "action src/clients/actions.ts#previewImportAction": (ctx) => ({
    fields: { csv: `name,record_number,recovery_focus,primary_counselor_email,start_date\nMatrix Import,${unique("MXI")},trauma,${ctx.actor?.email ?? "counselor@attune.demo"},${today()}\n` },
  }),
  "action src/clients/actions.ts#commitImportAction": (ctx) => ({
    fields: { csv: `name,record_number,recovery_focus,primary_counselor_email,start_date\nMatrix Import,${unique("MXI")},trauma,${ctx.actor?.email ?? "counselor@attune.demo"},${today()}\n` },
  }),

  // One client's record.
  "action src/clients/actions.ts#updateClientAction": async (ctx) => ({ fields: await clientFields(ctx) }),
  "action src/clients/actions.ts#dischargeClientAction": async (ctx) => ({
    fields: { clientId: client(ctx).clientId, version: await versionOf(ctx.db, clients, client(ctx).clientId), dischargedOn: today(), reason: "Matrix discharge." },
  }),
  "action src/clients/actions.ts#readmitClientAction": async (ctx) => ({
    prepare: async (db) => {
      await db
        .update(clients)
        .set({ status: "discharged", dischargedOn: today(), dischargeReason: "Matrix", version: 7 })
        .where(eq(clients.id, client(ctx).clientId));
    },
    fields: { clientId: client(ctx).clientId, version: "7", status: "active", startDate: today() },
  }),
  "action src/support-network/actions.ts#addContactAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, name: "Matrix Friend", relationship: "friend", scope: "nothing", validFrom: today() } }),
  "action src/support-network/actions.ts#archiveContactAction": async (ctx) => ({
    fields: { clientId: client(ctx).clientId, contactId: client(ctx).contactId, version: await versionOf(ctx.db, supportContacts, client(ctx).contactId) },
  }),
  "action src/support-network/actions.ts#recordConsentAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, contactId: client(ctx).contactId, scope: "attendance_only", validFrom: today() } }),
  "action src/support-network/actions.ts#revokeConsentAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, consentId: client(ctx).consentId, reason: "Matrix revocation." } }),
  "action src/portal/link-actions.ts#createLinkAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, holder: "client" } }),
  "action src/portal/link-actions.ts#revokeLinkAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, linkId: client(ctx).linkId } }),
  "action src/messaging/client-actions.ts#saveMessagingSettingsAction": (ctx) => ({
    fields: { clientId: client(ctx).clientId, email: "matrix@client.test", timeZone: "America/New_York", preferredHour: "9", consent: "granted" },
  }),
  "action src/messaging/client-actions.ts#sendLinkNowAction": (ctx) => ({
    // The send needs an address on file and consent.
    prepare: async (db) => {
      const [row] = await db.select({ organisationId: clients.organisationId }).from(clients).where(eq(clients.id, client(ctx).clientId));
      const [recipient] = await db
        .insert(messageRecipients)
        .values({ organisationId: row!.organisationId, clientId: client(ctx).clientId, email: "matrix@client.test", timeZone: "America/New_York" })
        .onConflictDoNothing()
        .returning({ id: messageRecipients.id });
      if (recipient) await db.insert(reminderConsents).values({ organisationId: row!.organisationId, recipientId: recipient.id, granted: true, source: "counselor" });
    },
    fields: { clientId: client(ctx).clientId },
  }),
  "action src/assignments/actions.ts#createAssignmentAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, assignee: "client", exerciseId: "emotion-naming", cadence: "weekly", startDate: today(), confirmDuplicate: "yes" } }),
  "action src/assignments/actions.ts#changeAssignmentAction": async (ctx) => ({
    fields: { clientId: client(ctx).clientId, assignmentId: client(ctx).assignmentId, version: await versionOf(ctx.db, assignments, client(ctx).assignmentId), change: "pause" },
  }),
  "action src/assignments/actions.ts#commentAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, entryId: client(ctx).entryId, text: "Matrix comment." } }),
  "action src/checkins/actions.ts#administerAction": (ctx) => ({
    fields: { clientId: client(ctx).clientId, instrument: NUMBNESS_URL, respondent: "client", idempotencyKey: unique("administer"), answers: JSON.stringify(CALM) },
  }),
  "action src/checkins/actions.ts#createScheduleAction": (ctx) => ({
    fields: { clientId: client(ctx).clientId, instrumentUrl: EMPATHY_URL, respondent: "client", cadence: "weekly", startDate: today() },
  }),
  "action src/checkins/actions.ts#endScheduleAction": async (ctx) => ({
    fields: { clientId: client(ctx).clientId, scheduleId: client(ctx).scheduleId, version: await versionOf(ctx.db, checkinSchedules, client(ctx).scheduleId) },
  }),
  "action src/checkins/actions.ts#acknowledgeAlertAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, alertId: client(ctx).alertId, note: "Called the client; safe." } }),
  "action src/reports/summary-actions.ts#shareSummaryAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, from: addDays(today(), -30), to: today() } }),
  "action src/reports/summary-actions.ts#withdrawSummaryAction": (ctx) => ({ fields: { clientId: client(ctx).clientId } }),
  "action src/notes/actions.ts#createNoteAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, type: "individual", sessionDate: today(), attendance: "attended" } }),
  "action src/notes/actions.ts#saveNoteAction": async (ctx) => ({ fields: await noteContent(ctx) }),
  "action src/notes/actions.ts#signNoteAction": async (ctx) => ({ fields: await noteContent(ctx) }),
  "action src/notes/actions.ts#latestNoteAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, noteId: client(ctx).draftNoteId } }),
  "action src/notes/actions.ts#addAddendumAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, noteId: client(ctx).signedNoteId, text: "Matrix addendum." } }),
  "action src/notes/actions.ts#cosignNoteAction": (ctx) => ({ fields: { clientId: client(ctx).clientId, noteId: client(ctx).signedNoteId } }),

  // The client portal: always the own client's link, aimed at each client's records.
  "action src/portal/actions.ts#submitPortalEntryAction": (ctx) => ({
    fields: { token: ctx.world.targets.own.portalToken, assignmentId: client(ctx).assignmentId, idempotencyKey: unique("entry"), answers: JSON.stringify({ notes: "Matrix portal entry." }) },
  }),
  "action src/checkins/actions.ts#submitPortalCheckinAction": (ctx) => ({
    fields: { token: ctx.world.targets.own.portalToken, scheduleId: client(ctx).scheduleId, idempotencyKey: unique("checkin"), answers: JSON.stringify(CALM) },
  }),
};

export function toFormData(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) fd.append(key, item);
  return fd;
}
